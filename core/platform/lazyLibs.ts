/**
 * The heavy libraries, loaded when first used rather than when the app starts: exceljs takes about 0.4 s and
 * 25 MB to load, pdfkit 0.2 s; most sessions open the window long before (or without) exporting anything.
 * require, not import(): resolved like the static imports (the packaged app's archive, NODE_PATH).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type ExcelJS from 'exceljs';
import type * as Fontkit from 'fontkit';
import type PDFDocument from 'pdfkit';

export const exceljs = (): typeof ExcelJS => require('exceljs') as typeof ExcelJS;
export const pdfkit = (): typeof PDFDocument => require('pdfkit') as typeof PDFDocument;
export const fontkit = (): typeof Fontkit => require('fontkit') as typeof Fontkit;
