/** Step 4 预览与核对: counts, the rows as they will be stored, the problems, and 对账 for a re-sent ledger. */
import { Alert, Badge, Tabs } from 'antd';
import { useState } from 'react';
import { MappingSourceTag } from './MappingStep';
import { PreviewCounts } from './PreviewCounts';
import { ProblemList } from './ProblemList';
import { ReconcilePanel } from './ReconcilePanel';
import { SampleTable } from './SampleTable';
import type { Preview } from './types';

export function PreviewStep({ preview }: { preview: Preview }) {
  const p = preview;
  const fileErrors = p.errors.filter((e) => e.row === null);
  const hasReconcile = p.kind === 'hazard' && (p.changed > 0 || p.disappeared > 0 || p.unchanged > 0);
  const [tab, setTab] = useState<string>('rows');
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const problems = p.errors.length + p.warnings.length;

  return (
    <div>
      {p.duplicateOf !== null ? (
        <Alert
          type="info"
          showIcon
          className="import-alert"
          data-testid="import-duplicate"
          title={`此文件已导入过（批次 ${p.duplicateOf}），不会重复导入`}
          description="文件内容与已导入的完全相同。如需重新导入，请先在“导入记录”中撤销该批次。"
        />
      ) : null}
      {fileErrors.length ? (
        <Alert
          type="error"
          showIcon
          className="import-alert"
          title="表格存在以下问题，暂不能导入"
          description={
            <ul className="import-alert-list">
              {fileErrors.map((e) => (
                <li key={e.message}>{e.message}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <PreviewCounts preview={p} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        className="import-preview-tabs"
        tabBarExtraContent={<MappingSourceTag source={p.mappingSource} />}
        items={[
          {
            key: 'rows',
            label: `数据预览（${p.rows} 行）`,
            children: <SampleTable preview={p} focusRow={focusRow} />,
          },
          {
            key: 'problems',
            label: (
              <span>
                问题清单{' '}
                <Badge
                  count={problems}
                  overflowCount={999}
                  color={p.errors.length ? '#ff4d4f' : '#faad14'}
                  showZero={false}
                  size="small"
                />
              </span>
            ),
            children: (
              <ProblemList
                preview={p}
                onLocate={(row) => {
                  setFocusRow(row);
                  setTab('rows');
                }}
              />
            ),
          },
          ...(hasReconcile
            ? [
                {
                  key: 'reconcile',
                  label: (
                    <span>
                      对账{' '}
                      <Badge
                        count={p.changed + p.disappeared}
                        overflowCount={999}
                        color="#1f5fbf"
                        showZero={false}
                        size="small"
                      />
                    </span>
                  ),
                  children: <ReconcilePanel preview={p} />,
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
