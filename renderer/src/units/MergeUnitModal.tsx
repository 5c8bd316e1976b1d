/** 合并单位: moves every record of a mistyped unit to the right one; the old name stays as an alias. */
import { Alert, Form, Modal, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../api/client';
import type { Unit } from '../api/types';
import { useAction } from '../api/useRequest';
import { UnitSelect } from '../components/UnitSelect';

interface Props {
  /** The unit to merge away; null when closed. */
  from: Unit | null;
  units: Unit[];
  onClose: () => void;
  onMerged: () => void;
}

export function MergeUnitModal({ from, units, onClose, onMerged }: Props) {
  const [intoId, setIntoId] = useState<number | undefined>();
  const [error, setError] = useState<string | null>(null);
  const { run, pending } = useAction();

  useEffect(() => {
    setIntoId(undefined);
    setError(null);
  }, [from]);

  const into = units.find((u) => u.id === intoId);
  const submit = async () => {
    if (!from) return;
    if (!intoId) {
      setError('请选择合并到哪个单位');
      return;
    }
    const r = await run(() => call('units:merge', { fromId: from.id, intoId }), {
      success: (m) => `已把“${from.name}”合并到“${m.unit.name}”，原名称保留为别名`,
      silentError: true,
    });
    if (r.ok) onMerged();
    else setError(r.error);
  };

  return (
    <Modal
      title={from ? `合并单位“${from.name}”` : '合并单位'}
      open={!!from}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="合并"
      okButtonProps={{ danger: true, loading: pending, 'data-testid': 'unit-merge-ok' } as ButtonProps}
      cancelText="取消"
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={
          into && from
            ? `“${from.name}”的明白书、报送、隐患、通知要求、导入记录和下属单位将全部改到“${into.name}”，“${from.name}”从名录中去掉并作为“${into.name}”的别名保留。合并后不能撤销。`
            : '用于同一单位被登记成两个名称（如“方山镇人民政府”与“方山镇”）：该单位的全部记录将改到所选单位，原名称保留为别名。'
        }
      />
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="unit-merge-error" />
      ) : null}
      <Form layout="vertical">
        <Form.Item label="合并到" required>
          <UnitSelect
            units={units}
            value={intoId}
            onChange={(v) => {
              setIntoId(v);
              setError(null);
            }}
            placeholder="选择正确的单位"
            disabledIds={from ? new Set([from.id]) : undefined}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
