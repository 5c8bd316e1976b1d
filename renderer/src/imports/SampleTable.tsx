/** The rows as they will be stored (the first 500), in a virtual table; problem cells are coloured. */
import { Table } from 'antd';
import { useEffect, useMemo, useRef, type Key } from 'react';
import { sampleColumns } from './sampleColumns';
import type { Preview, SampleRow } from './types';

interface Props {
  preview: Preview;
  /** Excel row number to scroll to (from the problem list). */
  focusRow?: number | null;
  height?: number;
}

/** Rows shown at once: what fits below the wizard's header on this screen (the page itself should not scroll). */
function fitHeight(): number {
  return Math.max(240, Math.min(640, window.innerHeight - 630));
}

export function SampleTable({ preview, focusRow, height = fitHeight() }: Props) {
  const { columns, width } = useMemo(() => sampleColumns(preview), [preview]);
  const ref = useRef<{ scrollTo: (c: { index?: number; key?: Key }) => void } | null>(null);

  useEffect(() => {
    if (focusRow === null || focusRow === undefined) return;
    const index = preview.sample.findIndex((r) => r.rowNumber === focusRow);
    if (index >= 0) ref.current?.scrollTo({ index });
  }, [focusRow, preview]);

  return (
    <div>
      <Table<SampleRow>
        ref={ref as never}
        virtual
        rowKey="rowNumber"
        size="small"
        bordered
        columns={columns}
        dataSource={preview.sample}
        pagination={false}
        scroll={{ x: width, y: height }}
        rowClassName={(r) => (r.importable ? (r.rowNumber === focusRow ? 'sample-row-focus' : '') : 'sample-row-error')}
        data-testid="import-sample"
        className="import-sample"
      />
      <div className="cell-sub import-sample-foot">
        {preview.rows > preview.sample.length
          ? `共 ${preview.rows} 行，此处显示前 ${preview.sample.length} 行；问题清单列出全部行的问题`
          : `共 ${preview.rows} 行`}
        。红色单元格为错误（该行不能导入），黄色为需核对；鼠标移到单元格上查看说明。
      </div>
    </div>
  );
}
