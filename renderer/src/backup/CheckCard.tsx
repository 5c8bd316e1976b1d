/** 数据检查: database integrity, every scan present and unchanged, the search index complete — and what to do. */
import {
  CheckCircleFilled,
  CloseCircleFilled,
  SafetyCertificateOutlined,
  ToolOutlined,
  WarningFilled,
} from '@ant-design/icons';
import { Alert, Button, Descriptions, List, Space } from 'antd';
import { useState } from 'react';
import { call, type ChannelOutput } from '../api/client';
import { useAction } from '../api/useRequest';
import { fileSize, showDateTime } from '../components/format';

type Report = ChannelOutput<'check:run'>;

export function CheckCard() {
  const { run, pending } = useAction();
  const [report, setReport] = useState<Report | null>(null);
  const [repaired, setRepaired] = useState(false);

  const check = async (repair: boolean) => {
    const r = await run(() => call('check:run', repair ? { repair: true } : {}));
    if (r.ok) {
      setReport(r.value);
      setRepaired(repair);
    }
  };

  const s = report?.stats;
  const repairable = !!s && (s.tempFiles > 0 || s.hazardsIndexed !== s.hazards);
  const errors = report?.problems.filter((p) => p.severity === 'error').length ?? 0;

  return (
    <div className="page-card" data-testid="backup-check">
      <div className="card-title">数据检查</div>
      <p className="backup-text">
        检查数据库是否完好、每个扫描件是否齐全且未被改动、检索索引是否完整。附件较多时需要几十秒。
      </p>
      <Space>
        <Button
          type="primary"
          ghost
          icon={<SafetyCertificateOutlined />}
          onClick={() => void check(false)}
          loading={pending}
        >
          {pending ? '正在检查…' : report ? '重新检查' : '开始检查'}
        </Button>
        {repairable ? (
          <Button icon={<ToolOutlined />} onClick={() => void check(true)} loading={pending}>
            修复
          </Button>
        ) : null}
      </Space>
      {report ? (
        <div className="backup-result" data-testid="check-report">
          {report.ok && !report.problems.length ? (
            <Alert
              type="success"
              showIcon
              icon={<CheckCircleFilled />}
              title="数据检查通过"
              description={`${repaired ? '已修复，' : ''}数据库完好，全部附件齐全无损。`}
            />
          ) : report.ok ? (
            <Alert type="warning" showIcon title="数据检查通过，有几项需要留意" />
          ) : (
            <Alert
              type="error"
              showIcon
              title={`数据检查发现 ${errors} 个严重问题`}
              description="请按下列说明处理；在处理之前不要删除任何备份文件。"
            />
          )}
          {report.problems.length ? (
            <List
              size="small"
              className="check-problems"
              dataSource={report.problems}
              renderItem={(p) => (
                <List.Item>
                  <div className="check-problem">
                    {p.severity === 'error' ? (
                      <CloseCircleFilled className="check-error" />
                    ) : (
                      <WarningFilled className="check-warning" />
                    )}
                    <div>
                      <div>{p.message}</div>
                      <div className="cell-sub">处理办法：{p.action}</div>
                    </div>
                  </div>
                </List.Item>
              )}
            />
          ) : null}
          {s ? (
            <Descriptions
              size="small"
              column={2}
              style={{ marginTop: 12 }}
              items={[
                { key: 'att', label: '附件', children: `${s.attachments} 个，共 ${fileSize(s.attachmentBytes)}` },
                { key: 'hz', label: '隐患', children: `${s.hazards} 条（已建索引 ${s.hazardsIndexed} 条）` },
                { key: 'orphan', label: '未登记的文件', children: s.orphanFiles },
                { key: 'tmp', label: '临时文件', children: s.tempFiles },
                { key: 'at', label: '检查时间', children: showDateTime(report.checkedAt) },
              ]}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
