/** Step 5 导入完成: what was written, where to find it, and 撤销本次导入. */
import { RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Descriptions, Popconfirm, Result } from 'antd';
import { useState } from 'react';
import { call } from '../api/client';
import { useAction, useRequest } from '../api/useRequest';
import { useAppState } from '../app/AppState';
import { KIND_SHORT, RESULT_PAGES } from './labels';
import type { CommitResult } from './types';

interface Props {
  result: CommitResult;
  onAgain: () => void;
  onUndone: () => void;
  /** Changes when a batch was undone elsewhere (导入记录): this batch's state is read again. */
  version?: number;
}

export function DoneStep({ result, onAgain, onUndone, version = 0 }: Props) {
  const { navigate } = useAppState();
  const { run, pending } = useAction();
  const [undone, setUndone] = useState<number | null>(null);
  // Undone from 导入记录 meanwhile: this step no longer offers 撤销 (it would only be refused).
  const batches = useRequest(() => call('imports:list', {}), [version]);
  const undoneElsewhere = batches.data?.some((b) => b.id === result.batch && b.status === 'undone') ?? false;
  const target = RESULT_PAGES[result.kind];
  const isLedger = result.kind === 'hazard' || result.kind === 'pledge';

  const undo = async () => {
    const r = await run(() => call('imports:undo', { id: result.batch! }), { success: `已撤销批次 ${result.batch}` });
    if (r.ok) {
      setUndone(r.value.reverted);
      onUndone();
    }
  };

  if (undone !== null || undoneElsewhere) {
    return (
      <Result
        status="info"
        title="已撤销本次导入"
        subTitle={
          undone !== null
            ? `批次 ${result.batch}（${result.file}）的 ${undone} 项修改已全部还原`
            : `批次 ${result.batch}（${result.file}）已在“导入记录”中撤销，修改已全部还原`
        }
        extra={
          <Button type="primary" icon={<UploadOutlined />} onClick={onAgain}>
            再导入一个文件
          </Button>
        }
        data-testid="import-undone"
      />
    );
  }

  return (
    <Result
      status="success"
      title="导入完成"
      subTitle={`${result.file} · ${result.message}`}
      data-testid="import-done"
      extra={[
        target ? (
          <Button type="primary" key="go" onClick={() => navigate(target.path)}>
            {target.label}
          </Button>
        ) : null,
        result.kind === 'hazard' ? (
          <Button key="returns" onClick={() => navigate('returns')}>
            查看报送登记
          </Button>
        ) : null,
        <Button key="again" icon={<UploadOutlined />} onClick={onAgain}>
          再导入一个文件
        </Button>,
        <Popconfirm
          key="undo"
          title="撤销本次导入？"
          description="本次新增的记录将被删除，变更的记录恢复为导入前的内容。"
          okText="撤销导入"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          onConfirm={undo}
        >
          <Button danger icon={<RollbackOutlined />} loading={pending}>
            撤销本次导入
          </Button>
        </Popconfirm>,
      ]}
    >
      <Descriptions
        bordered
        size="small"
        column={2}
        className="import-done-table"
        styles={{ label: { width: 110 } }}
        items={[
          { key: 'batch', label: '导入批次', children: result.batch },
          { key: 'kind', label: '表格类别', children: KIND_SHORT[result.kind] },
          { key: 'unit', label: '报送单位', children: result.unit?.name ?? '未确定' },
          ...(result.kind !== 'pledge'
            ? [
                {
                  key: 'credit',
                  label: '报送登记',
                  span: 2,
                  children: <span data-testid="import-done-credit">{result.creditText}</span>,
                },
              ]
            : []),
          { key: 'rows', label: '数据行', children: `${result.rows} 行（导入 ${result.importable} 行）` },
          ...(isLedger
            ? [
                { key: 'new', label: '新增', children: result.new },
                { key: 'changed', label: '变更', children: result.changed },
                { key: 'unchanged', label: '未变', children: result.unchanged },
              ]
            : []),
          ...(result.kind === 'hazard' ? [{ key: 'gone', label: '本次未出现', children: result.disappeared }] : []),
          ...(result.errors.length
            ? [
                {
                  key: 'skipped',
                  label: '跳过的错误',
                  children: `${result.errors.length} 处（${result.summary.errorRows} 行未导入）`,
                },
              ]
            : []),
        ]}
      />
    </Result>
  );
}
