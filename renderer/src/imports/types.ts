/** Shapes of the import wizard, derived from the IPC contract. */
import type { ChannelInput, ChannelOutput } from '../api/client';

export type PickedFile = NonNullable<ChannelOutput<'imports:pickFile'>>;
export type ImportOptions = ChannelInput<'imports:preview'>['options'];
export type ImportKind = NonNullable<ImportOptions['kind']>;
export type Preview = ChannelOutput<'imports:preview'>;
export type PreviewColumn = Preview['columns'][number];
export type PreviewProblem = Preview['errors'][number];
export type PreviewChange = Preview['changes'][number];
export type PreviewDisappeared = Preview['disappearedRows'][number];
export type SampleRow = Preview['sample'][number];
export type SampleProblem = SampleRow['problems'][number];
export type SheetChoice = Preview['sheets'][number];
export type CommitResult = ChannelOutput<'imports:commit'>;
export type ReturnLetter = NonNullable<ChannelOutput<'imports:returnLetter'>>;
export type ImportBatch = ChannelOutput<'imports:list'>[number];

/** Column index → field (null: 不导入), as the preview's options.mapping takes it. */
export type Mapping = Record<string, string | null>;
