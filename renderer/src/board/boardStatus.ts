/** The five states of a required return on the tracking board, their colours and order. */
import type { ChannelOutput } from '../api/client';

export type Board = ChannelOutput<'board:get'>;
export type BoardRow = Board['rows'][number];
export type BoardColumn = Board['columns'][number];
export type BoardCell = BoardRow['cells'][string];
export type BoardStatus = BoardCell['status'];

export const STATUS_ORDER: BoardStatus[] = ['逾期', '退回修改', '未交', '逾期补交', '已交'];

export const STATUS_COLORS: Record<BoardStatus, string> = {
  已交: 'green',
  逾期补交: 'gold',
  未交: 'default',
  逾期: 'red',
  退回修改: 'orange',
};
