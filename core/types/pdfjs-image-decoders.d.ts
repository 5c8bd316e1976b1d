declare module 'pdfjs-dist/legacy/image_decoders/pdf.image_decoders.mjs' {
  export class JpegImage {
    width: number;
    height: number;
    numComponents: number;
    parse(data: Uint8Array): void;
    getData(o: {
      width: number;
      height: number;
      forceRGB?: boolean;
      forceRGBA?: boolean;
      isSourcePDF?: boolean;
    }): Uint8ClampedArray;
  }
  export function setVerbosityLevel(level: number): void;
}
