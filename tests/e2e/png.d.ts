/** The PNG codec Playwright ships (pngjs), as exported by playwright-core's utils bundle. */
declare module 'playwright-core/lib/utilsBundle' {
  export class PNG {
    constructor(options: { width: number; height: number })
    width: number
    height: number
    data: Buffer
    static sync: { read(buffer: Buffer): PNG; write(png: PNG): Buffer }
  }
}
