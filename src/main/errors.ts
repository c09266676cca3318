/**
 * An error whose message was written for the renderer: no path, no data from the request. Only
 * these reach the renderer as they are; the IPC guard replaces any other error by a generic one.
 */
export class PublicError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PublicError'
  }
}
