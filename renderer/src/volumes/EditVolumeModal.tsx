/**
 * 修改案卷信息 (or 档案盒信息): a draft volume's own data in a dialog (VolumeFields), saved through volumes:update.
 */
import { Form, Modal } from 'antd';
import { MODE_WORDS } from '../../../core/domain/archiveMode';
import { call } from '../api/client';
import { useAction } from '../api/useRequest';
import type { VolumeView } from './types';
import { VolumeFields, formValuesOf, toVolumeInput, type VolumeFormValues } from './VolumeFields';

export function EditVolumeModal({
  volume,
  onClose,
  onSaved,
}: {
  volume: VolumeView;
  onClose: () => void;
  onSaved: (v: VolumeView) => void;
}) {
  const [form] = Form.useForm<VolumeFormValues>();
  const { run, pending } = useAction();
  const save = async () => {
    const values = await form.validateFields();
    const r = await run(() => call('volumes:update', { id: volume.id, patch: toVolumeInput(values) }), {
      success: `${MODE_WORDS[volume.archiveMode].container}信息已保存`,
    });
    if (r.ok) onSaved(r.value);
  };
  return (
    <Modal
      open
      title={`修改${MODE_WORDS[volume.archiveMode].container}信息`}
      width={760}
      onCancel={onClose}
      onOk={save}
      okText="保存"
      cancelText="取消"
      confirmLoading={pending}
      mask={{ closable: false }}
    >
      <Form<VolumeFormValues> form={form} layout="vertical" initialValues={formValuesOf(volume)}>
        <VolumeFields volumeNoRequired mode={volume.archiveMode} />
      </Form>
    </Modal>
  );
}
