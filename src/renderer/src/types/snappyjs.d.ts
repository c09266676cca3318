/** The two classes of snappyjs (MIT) that Mend uses, so that it owns every buffer (see compact.ts). */
declare module 'snappyjs/snappy_compressor' {
  export class SnappyCompressor {
    constructor(uncompressed: Uint8Array)
    maxCompressedLength(): number
    /** Writes the compressed bytes from the start of `out`; returns how many. */
    compressToBuffer(out: Uint8Array): number
  }
}

declare module 'snappyjs/snappy_decompressor' {
  export class SnappyDecompressor {
    constructor(compressed: Uint8Array)
    /** The length the bytes uncompress to; -1 when the header is not valid. */
    readUncompressedLength(): number
    /** Uncompresses (after readUncompressedLength) into `out`; false when not valid. */
    uncompressToBuffer(out: Uint8Array): boolean
  }
}
