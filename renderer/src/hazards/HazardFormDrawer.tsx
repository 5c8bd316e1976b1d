/** 新增/编辑隐患: every field of the ledger, grouped as the paper ledger is (基本信息, 五落实, 整改与验收, 附件). */
import { SaveErrorAlert } from '../components/SaveErrorAlert';
import { Button, Drawer, Form } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { call } from '../api/client';
import type { Notice, Unit } from '../api/types';
import { useAction } from '../api/useRequest';
import { useFormDrawer } from '../components/useFormDrawer';
import { HazardBasicSection } from './HazardBasicSection';
import { HazardClosureSections } from './HazardClosureSections';
import { HazardFiveSection } from './HazardFiveSection';
import {
  emptyHazardValues,
  fieldOfMessage,
  inputFromValues,
  valuesFromHazard,
  type HazardFormValues,
} from './hazardFormModel';
import type { HazardView } from './types';

interface Props {
  open: boolean;
  editing: HazardView | null;
  units: Unit[];
  townships: Unit[];
  notices: Notice[];
  onUnitCreated: (u: Unit) => void;
  onClose: () => void;
  onSaved: (h: HazardView) => void;
}

export function HazardFormDrawer({ open, editing, units, townships, notices, onUnitCreated, onClose, onSaved }: Props) {
  const [form] = Form.useForm<HazardFormValues>();
  const [serverError, setServerError] = useState<string | null>(null);
  // The refusal is shown above the form: brought into view, since the clerk saves from the bottom of it.
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (serverError) errorRef.current?.scrollIntoView({ block: 'nearest' });
  }, [serverError]);
  const { run, pending } = useAction();
  const status = Form.useWatch('status', form);
  const deadlineMode = Form.useWatch('deadlineMode', form);
  const level = Form.useWatch('level', form);
  const supervised = Form.useWatch('supervised', form);

  useEffect(() => {
    if (!open) return;
    setServerError(null);
    form.resetFields();
    form.setFieldsValue(editing ? valuesFromHazard(editing) : emptyHazardValues());
  }, [open, editing, form]);

  /** `confirmDuplicate`: the clerk read the 疑似重复 message and pressed 仍然保存 (it is another hazard). */
  const submit = async (confirmDuplicate = false) => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const values = form.getFieldsValue(true) as HazardFormValues;
    const input = { ...inputFromValues(values), ...(confirmDuplicate ? { confirmDuplicate: true } : {}) };
    const r = await run(
      () => (editing ? call('hazards:update', { id: editing.id, patch: input }) : call('hazards:create', input)),
      {
        success: editing ? '隐患已修改' : '隐患已登记',
        silentError: true,
      },
    );
    if (r.ok) {
      onSaved(r.value);
      return;
    }
    setServerError(r.error);
    const field = fieldOfMessage(r.error);
    if (field) form.setFields([{ name: field, errors: [r.error] }]);
  };

  const { requestClose } = useFormDrawer({ open, forms: [form], onClose, onSave: () => void submit() });

  return (
    <Drawer
      title={editing ? `编辑隐患（${editing.hazardNo ?? '未编号'}）` : '新增隐患'}
      open={open}
      onClose={requestClose}
      size={820}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
          <Button onClick={requestClose}>取消</Button>
          <Button type="primary" onClick={() => void submit()} loading={pending} data-testid="hazard-save">
            保存
          </Button>
        </div>
      }
    >
      <div ref={errorRef}>
        <SaveErrorAlert
          error={serverError}
          pending={pending}
          onConfirmDuplicate={() => void submit(true)}
          testId="hazard"
        />
      </div>
      <Form<HazardFormValues>
        form={form}
        layout="vertical"
        className="hazard-form"
        onValuesChange={() => serverError && setServerError(null)}
      >
        <HazardBasicSection
          level={level}
          supervised={supervised}
          units={units}
          townships={townships}
          notices={notices}
          onUnitCreated={onUnitCreated}
        />

        <HazardFiveSection level={level} deadlineMode={deadlineMode} />

        <HazardClosureSections editing={editing} status={status} />
      </Form>
    </Drawer>
  );
}
