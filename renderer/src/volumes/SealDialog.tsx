/**
 * 封卷 is deliberate: the dialog runs the completeness check now and lists what stands in the way — blank
 * 立卷人/检查人/全宗号 and the check's 缺漏 (sealing refused until they are dealt with) — and the 提示, which the
 * clerk confirms one by one (a checkbox) before sealing with confirmWarnings.
 */
import { Alert, Checkbox, List, Modal, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../api/client';
import { errorMessage } from '../api/errors';
import type { CheckResult, VolumeView } from './types';

interface Props {
  volume: VolumeView;
  open: boolean;
  onCancel: () => void;
  /** Seal (the warnings, if any, confirmed). */
  onSeal: (confirmWarnings: boolean) => void;
}

export function SealDialog({ volume: v, open, onCancel, onSeal }: Props) {
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);

  useEffect(() => {
    if (!open) return;
    setCheck(null);
    setError(null);
    setConfirmed(false);
    call('volumes:check', { id: v.id }).then(setCheck, (e: unknown) => setError(errorMessage(e)));
  }, [open, v.id, v.version]);

  const blank = [!v.creator.trim() && '立卷人', !v.checker.trim() && '检查人', !v.fondsCode.trim() && '全宗号'].filter(
    (x): x is string => !!x,
  );
  const errors = check?.problems.filter((p) => p.severity === 'error') ?? [];
  const warnings = check?.problems.filter((p) => p.severity === 'warning') ?? [];
  const blocked = !check || blank.length > 0 || errors.length > 0;

  return (
    <Modal
      title="封卷"
      open={open}
      width={640}
      onCancel={onCancel}
      okText="封卷"
      okButtonProps={{ disabled: blocked || (warnings.length > 0 && !confirmed), danger: warnings.length > 0 }}
      onOk={() => onSeal(warnings.length > 0)}
      cancelText="取消"
    >
      <div className="seal-dialog">
        <Typography.Paragraph>
          封卷会导出最终 PDF，并保存卷内每件的内容和 PDF 的 SHA-256
          校验值；卷内明白书标为“已归档”，案卷锁定不能再修改。之后如有变化，只能办理补充卷或新版本。
        </Typography.Paragraph>
        {error ? <Alert type="error" showIcon message={`组卷检查未能完成：${error}`} /> : null}
        {!check && !error ? (
          <div className="seal-dialog-loading">
            <Spin /> 正在检查…
          </div>
        ) : null}
        {blank.length ? (
          <Alert
            type="error"
            showIcon
            message={`封卷前须填写${blank.join('、')}`}
            description="请点“修改案卷信息”填写（全宗号也可在“设置”中预设）。"
          />
        ) : null}
        {errors.length ? (
          <Alert
            type="error"
            showIcon
            message={`组卷检查还有 ${errors.length} 个缺漏，不能封卷，请补齐后再封卷：`}
            description={
              <List
                size="small"
                dataSource={errors}
                renderItem={(p, i) => <List.Item>{`${i + 1}. ${p.message}`}</List.Item>}
              />
            }
          />
        ) : null}
        {!blocked && warnings.length ? (
          <Alert
            type="warning"
            showIcon
            message={`组卷检查有 ${warnings.length} 个提示，请逐条核对：`}
            description={
              <>
                <List
                  size="small"
                  dataSource={warnings}
                  renderItem={(p, i) => <List.Item>{`${i + 1}. ${p.message}`}</List.Item>}
                />
                <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)}>
                  我已逐条核对以上 {warnings.length} 个提示，确认封卷（这些提示将写入卷内备考表）
                </Checkbox>
              </>
            }
          />
        ) : null}
        {check && !blocked && !warnings.length ? (
          <Alert type="success" showIcon message="组卷检查未发现问题，可以封卷。" />
        ) : null}
      </div>
    </Modal>
  );
}
