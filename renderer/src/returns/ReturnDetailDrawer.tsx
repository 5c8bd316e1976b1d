/** One registered return: its details and files; 修改 (returns:update) and 删除 to the 回收站 (returns:delete). */
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Space,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { periodLabel } from '../../../core/domain/returns';
import { call } from '../api/client';
import { useAction } from '../api/useRequest';
import { fileSize, fromIso, isFuture, showDateTime, toIso } from '../components/format';
import { AttachmentListField } from '../hazards/AttachmentListField';
import type { AttachmentItem } from '../hazards/hazardFormModel';
import { LengthCell, ReturnStatusTag } from './returnColumns';
import { kindLabel, type ReturnView } from './types';

interface EditValues {
  title?: string;
  ownDocNo?: string;
  receivedDate: Dayjs | null;
  approved: boolean;
  sealed: boolean;
  notes?: string;
  attachments: AttachmentItem[];
}

interface Props {
  target: ReturnView | null;
  onClose: () => void;
  /** After a correction or a deletion: reload the register. */
  onChanged: () => void;
}

export function ReturnDetailDrawer({ target, onClose, onChanged }: Props) {
  const [current, setCurrent] = useState<ReturnView | null>(target);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<EditValues>();
  const { run, pending } = useAction();
  const open = useAction();

  useEffect(() => {
    setCurrent(target);
    setEditing(false);
    setError(null);
  }, [target]);

  const startEdit = () => {
    if (!current) return;
    form.setFieldsValue({
      title: current.title ?? '',
      ownDocNo: current.ownDocNo ?? '',
      receivedDate: fromIso(current.receivedDate),
      approved: current.approved,
      sealed: current.sealed,
      notes: current.notes ?? '',
      attachments: current.attachments,
    });
    setError(null);
    setEditing(true);
  };

  const save = async () => {
    if (!current) return;
    let v: EditValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const r = await run(
      () =>
        call('returns:update', {
          id: current.id,
          patch: {
            title: v.title?.trim() || null,
            ownDocNo: v.ownDocNo?.trim() || null,
            receivedDate: toIso(v.receivedDate) ?? undefined,
            approved: v.approved,
            sealed: v.sealed,
            notes: v.notes?.trim() || null,
            attachmentIds: (v.attachments ?? []).map((a) => a.id),
          },
        }),
      { success: '报送记录已修改', silentError: true },
    );
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setCurrent(r.value);
    setEditing(false);
    onChanged();
  };

  const remove = async () => {
    if (!current) return;
    const r = await run(() => call('returns:delete', { id: current.id }), {
      success: '已移入回收站（30 天内可在“回收站”中恢复）',
    });
    if (r.ok) {
      onChanged();
      onClose();
    }
  };

  const r = current;
  return (
    <Drawer
      title={
        r
          ? `报送记录 · ${r.unitName} ${kindLabel(r.kind)}${r.period ? `（${periodLabel(r.period)}）` : ''}`
          : '报送记录'
      }
      open={!!target}
      onClose={onClose}
      size={640}
      destroyOnHidden
      mask={{ closable: !editing }}
      footer={
        r ? (
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            {editing ? (
              <span />
            ) : (
              <Popconfirm
                title="删除这份报送记录？"
                description="记录移入回收站，30 天内可以恢复。"
                okText="删除"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={remove}
              >
                <Button danger data-testid="return-delete">
                  删除
                </Button>
              </Popconfirm>
            )}
            <Space>
              {editing ? (
                <>
                  <Button onClick={() => setEditing(false)}>取消</Button>
                  <Button type="primary" loading={pending} onClick={() => void save()} data-testid="return-save">
                    保存
                  </Button>
                </>
              ) : (
                <>
                  <Button onClick={onClose}>关闭</Button>
                  <Button type="primary" onClick={startEdit} data-testid="return-edit">
                    修改
                  </Button>
                </>
              )}
            </Space>
          </div>
        ) : null
      }
    >
      {error ? (
        <Alert
          type="error"
          showIcon
          title={`未保存：${error}`}
          style={{ marginBottom: 16 }}
          data-testid="return-form-error"
        />
      ) : null}
      {r && !editing ? (
        <div data-testid="return-detail">
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 120 } }}>
            <Descriptions.Item label="通知">{r.docNo || '（未关联通知）'}</Descriptions.Item>
            <Descriptions.Item label="报送单位">{r.unitName}</Descriptions.Item>
            <Descriptions.Item label="材料">
              {kindLabel(r.kind)}
              {r.period ? `（${periodLabel(r.period)}）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="材料题名">{r.title || '—'}</Descriptions.Item>
            <Descriptions.Item label="文号">{r.ownDocNo || '—'}</Descriptions.Item>
            <Descriptions.Item label="收到日期">{r.receivedDate}</Descriptions.Item>
            <Descriptions.Item label="审定与盖章">
              {r.approved ? '经主要负责同志审定' : '未审定'}；{r.sealed ? '已加盖单位公章' : '未盖章'}
            </Descriptions.Item>
            <Descriptions.Item label="字数">
              <LengthCell r={r} />
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <ReturnStatusTag r={r} />
              {r.status === '退回修改' && r.returnedAt ? (
                <span className="cell-sub">（{showDateTime(r.returnedAt)}）</span>
              ) : null}
            </Descriptions.Item>
            <Descriptions.Item label="备注">{r.notes || '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            附件（{r.attachments.length} 份）
          </Typography.Title>
          {r.attachments.length ? (
            <ul className="return-files" data-testid="return-files">
              {r.attachments.map((a) => (
                <li key={a.id}>
                  <span>{a.originalName}</span>
                  <span className="cell-sub">
                    {' '}
                    {fileSize(a.size)}
                    {a.pageCount ? `，${a.pageCount} 页` : ''}
                  </span>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => void open.run(() => call('attachments:open', { id: a.id }))}
                  >
                    打开
                  </Button>
                </li>
              ))}
            </ul>
          ) : (
            <Typography.Text type="secondary">没有附件；可点“修改”添加报来的文件或扫描件。</Typography.Text>
          )}
        </div>
      ) : null}
      {r && editing ? (
        <Form<EditValues> form={form} layout="vertical" onValuesChange={() => error && setError(null)}>
          <Form.Item name="title" label="材料题名">
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="ownDocNo" label="文号" extra="报告本身的文号，无则不填">
            <Input maxLength={100} placeholder="如 神政〔2024〕12号" />
          </Form.Item>
          <Form.Item
            name="receivedDate"
            label="收到日期"
            rules={[
              { required: true, message: '请选择收到日期' },
              {
                validator: (_, d: Dayjs | null) =>
                  d && isFuture(d) ? Promise.reject(new Error('收到日期不能晚于今天')) : Promise.resolve(),
              },
            ]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
          </Form.Item>
          <Space size={24}>
            <Form.Item name="approved" valuePropName="checked">
              <Checkbox>经主要负责同志审定</Checkbox>
            </Form.Item>
            <Form.Item name="sealed" valuePropName="checked">
              <Checkbox>加盖单位公章</Checkbox>
            </Form.Item>
          </Space>
          <Form.Item name="notes" label="备注">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
          <Form.Item name="attachments" label="附件">
            <AttachmentListField addLabel="添加附件…" documents />
          </Form.Item>
        </Form>
      ) : null}
    </Drawer>
  );
}
