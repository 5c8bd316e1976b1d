/** 下载报送模板: a blank hazard-ledger workbook for a notice (and a unit) that imports with no mapping at all. */
import { Alert, Form, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../api/client';
import type { Notice, Unit } from '../api/types';
import { useAction } from '../api/useRequest';
import { NoticeSelect } from '../components/NoticeSelect';
import { UnitSelect } from '../components/UnitSelect';

interface Props {
  open: boolean;
  notices: Notice[];
  units: Unit[];
  defaultNoticeId?: number;
  onClose: () => void;
}

export function TemplateModal({ open, notices, units, defaultNoticeId, onClose }: Props) {
  const [noticeId, setNoticeId] = useState<number | undefined>(defaultNoticeId);
  const [unitId, setUnitId] = useState<number | undefined>();
  const { run, pending } = useAction();
  useEffect(() => {
    if (open) setNoticeId((n) => n ?? defaultNoticeId ?? notices[0]?.id);
  }, [open, defaultNoticeId, notices]);

  const save = async () => {
    if (!noticeId) return;
    const r = await run(() => call('imports:template', { noticeId, unitId }), {
      success: (v) => (v ? `模板已保存：${v.file}` : null),
    });
    if (r.ok && r.value) onClose();
  };

  return (
    <Modal
      open={open}
      title="下载报送模板"
      okText="保存模板…"
      cancelText="取消"
      onOk={() => void save()}
      okButtonProps={{ disabled: !noticeId, loading: pending }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="发给各乡镇、部门填写的隐患台账模板"
        description="模板含标题、两行表头（五落实）、等级/状态/行业下拉选项和日期格式。按模板填报的表格导入时无需调整列对应，并自动关联所属通知和报送单位。"
      />
      <Form layout="vertical" requiredMark={false}>
        <Form.Item label="所属通知" required>
          <NoticeSelect
            notices={notices}
            value={noticeId}
            onChange={setNoticeId}
            style={{ width: '100%' }}
            placeholder="选择通知文件"
          />
        </Form.Item>
        <Form.Item label="报送单位" extra="可不选：不选则生成通用模板，单位在表中填写">
          <UnitSelect
            units={units}
            value={unitId}
            onChange={setUnitId}
            allowClear
            placeholder="通用模板（不指定单位）"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
