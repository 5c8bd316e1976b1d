/** Every problem of the file: 第12行 F列 “2024.13.5” 不是有效日期 — filterable by 错误 / 提示. */
import { Button, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import type { Preview, PreviewProblem } from './types';

type Filter = 'all' | 'error' | 'warning';
type Item = PreviewProblem & { key: number; severity: 'error' | 'warning' };

export function ProblemList({ preview, onLocate }: { preview: Preview; onLocate: (row: number) => void }) {
  const [filter, setFilter] = useState<Filter>(preview.errors.length ? 'error' : 'all');
  const items: Item[] = [
    ...preview.errors.map((p) => ({ ...p, severity: 'error' as const })),
    ...preview.warnings.map((p) => ({ ...p, severity: 'warning' as const })),
  ].map((p, key) => ({ ...p, key }));
  const shown = filter === 'all' ? items : items.filter((p) => p.severity === filter);
  const inSample = new Set(preview.sample.map((r) => r.rowNumber));

  return (
    <div data-testid="import-problems">
      <div className="toolbar">
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: `全部 ${items.length}` },
            { value: 'error', label: `错误 ${preview.errors.length}` },
            { value: 'warning', label: `提示 ${preview.warnings.length}` },
          ]}
        />
        <span className="cell-sub">
          错误必须修改后才能导入（或勾选“跳过有错误的行”）；提示是程序已按常规处理、请您核对的地方。
        </span>
      </div>
      <Table<Item>
        size="small"
        dataSource={shown}
        pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false, size: 'small' } : false}
        scroll={{ y: 360 }}
        locale={{ emptyText: filter === 'error' ? '没有错误' : filter === 'warning' ? '没有提示' : '没有发现问题' }}
        columns={[
          {
            title: '类别',
            key: 'severity',
            width: 72,
            render: (_, p) =>
              p.severity === 'error' ? <Tag color="error">错误</Tag> : <Tag color="warning">提示</Tag>,
          },
          {
            title: '位置',
            key: 'where',
            width: 110,
            render: (_, p) =>
              p.row === null ? (
                <span className="cell-sub">整个表格</span>
              ) : (
                `第${p.row}行${p.column ? ` ${p.column}列` : ''}`
              ),
          },
          {
            title: '填写内容',
            dataIndex: 'value',
            key: 'value',
            width: 180,
            ellipsis: true,
            render: (v: string) =>
              v ? <span className="cell-written">{v}</span> : <span className="cell-sub">—</span>,
          },
          { title: '问题', dataIndex: 'message', key: 'message' },
          {
            title: '',
            key: 'go',
            width: 84,
            render: (_, p) =>
              p.row !== null && inSample.has(p.row) ? (
                <Button type="link" size="small" onClick={() => onLocate(p.row!)}>
                  查看该行
                </Button>
              ) : null,
          },
        ]}
      />
    </div>
  );
}
