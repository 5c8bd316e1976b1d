import { useState } from 'react';
import { call } from '../api/client';
import { usePrintPreview } from '../components/PrintPreview';

/** 打印: the main process makes the pre-filled form; it opens in the print preview (打印 / 另存为…). */
export function usePrintPledge() {
  const preview = usePrintPreview();
  const [printingId, setPrintingId] = useState<number | null>(null);
  const print = async (id: number) => {
    setPrintingId(id);
    try {
      await preview(() => call('pledges:print', { id }));
    } finally {
      setPrintingId(null);
    }
  };
  return { print, printingId };
}
