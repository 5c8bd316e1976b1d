import { App } from 'antd';
import { useState } from 'react';
import { call } from '../api/client';
import { errorMessage } from '../api/errors';

/** 打印: the main process asks where to save the pre-filled form, writes the PDF and opens it for printing. */
export function usePrintPledge() {
  const { message } = App.useApp();
  const [printingId, setPrintingId] = useState<number | null>(null);
  const print = async (id: number) => {
    setPrintingId(id);
    try {
      const r = await call('pledges:print', { id });
      if (r) message.success({ content: `明白书已生成：${r.file}`, duration: 8 });
      else message.info('已取消打印');
      for (const w of r?.warnings ?? []) message.warning({ content: w, duration: 12 });
      return r;
    } catch (e) {
      message.error(errorMessage(e), 6);
      return null;
    } finally {
      setPrintingId(null);
    }
  };
  return { print, printingId };
}
