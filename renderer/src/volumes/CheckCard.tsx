/** 完整性检查: the problems the check found, each with its severity; the clerk can bind anyway. */
import { CheckCircleFilled, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, List, Space, Spin, Tag } from 'antd';
import { showDateTime } from '../components/format';
import { PROBLEM_LABELS, SEVERITY } from './labels';
import type { CheckResult } from './types';

interface Props {
  check: CheckResult | null;
  loading: boolean;
  error: string | null;
  sealed: boolean;
  onRun?: () => void;
}

export function CheckCard({ check, loading, error, sealed, onRun }: Props) {
  return (
    <Card
      className="check-card"
      title={
        <Space>
          <span>完整性检查</span>
          {check ? (
            <>
              {check.errors ? <Tag color="red">问题 {check.errors}</Tag> : null}
              {check.warnings ? <Tag color="orange">提醒 {check.warnings}</Tag> : null}
            </>
          ) : null}
        </Space>
      }
      extra={
        onRun ? (
          <Button size="small" icon={<ReloadOutlined />} onClick={onRun} loading={loading}>
            重新检查
          </Button>
        ) : null
      }
    >
      {error ? <Alert type="error" showIcon title="检查未能完成" description={error} /> : null}
      {loading && !check ? (
        <div className="check-loading">
          <Spin /> <span>正在检查卷内文件和扫描件…</span>
        </div>
      ) : check ? (
        <Spin spinning={loading}>
          <div className="cell-sub" style={{ marginBottom: 8 }}>
            {sealed ? '封卷时的检查结果' : '检查时间'}：{showDateTime(check.checkedAt)}
          </div>
          {check.problems.length ? (
            <>
              <List
                size="small"
                className="problem-list"
                dataSource={check.problems}
                renderItem={(p) => (
                  <List.Item>
                    <div className="problem">
                      <Space size={4} wrap>
                        <Tag color={SEVERITY[p.severity].color}>{SEVERITY[p.severity].label}</Tag>
                        <span className="problem-kind">{PROBLEM_LABELS[p.code] ?? p.code}</span>
                        {p.itemPosition !== undefined ? (
                          <span className="cell-sub">第 {p.itemPosition + 1} 件</span>
                        ) : null}
                      </Space>
                      <div className="problem-message">{p.message}</div>
                    </div>
                  </List.Item>
                )}
              />
              {!sealed ? (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginTop: 12 }}
                  title="草稿可以照常导出；封卷须先处理"
                  description="导出草稿时问题数会记入导出记录，缺扫描件的明白书以登记表代替。封卷前须补齐全部“问题”（缺漏），“提示”须在封卷时逐条确认。"
                />
              ) : null}
            </>
          ) : (
            <Empty image={<CheckCircleFilled className="check-pass" />} description="未发现问题，可以装订" />
          )}
        </Spin>
      ) : (
        <Empty description="尚未检查" />
      )}
    </Card>
  );
}
