/** 新建案卷: choose what goes in → preview the 件 → cover data → create the draft. */
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Drawer,
  Empty,
  Form,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useFormDrawer } from '../components/useFormDrawer';
import dayjs from 'dayjs';
import { useState } from 'react';
import { PLEDGE_LEVELS, levelLabel } from '../../../core/domain/pledgeLevels';
import { ApiCallError, call } from '../api/client';
import type { Notice, Unit } from '../api/types';
import { useAction } from '../api/useRequest';
import { useAppState } from '../app/AppState';
import { NoticeSelect } from '../components/NoticeSelect';
import { UnitSelect } from '../components/UnitSelect';
import { showDate } from '../components/format';
import { ITEM_KIND, KIND_OPTIONS, KIND_TITLE, ORDER_OPTIONS } from './labels';
import { VolumeFields, toVolumeInput, type VolumeFormValues } from './VolumeFields';
import type { PreviewItem, Selection, VolumeKind, VolumeOrder, VolumeView } from './types';

interface SelectionValues {
  kinds: VolumeKind[];
  noticeId?: number;
  unitId?: number;
  year?: number | null;
  level?: number;
  hazardLevel?: '一般' | '重大';
  includeUnsigned?: boolean;
  orderBy: Exclude<VolumeOrder, 'manual'>;
}

function selectionOf(v: SelectionValues): Selection {
  const s: Selection = { kinds: v.kinds };
  if (v.noticeId) s.noticeId = v.noticeId;
  if (v.unitId) s.unitId = v.unitId;
  if (v.year) s.year = v.year;
  if (v.level && v.kinds.includes('pledge')) s.level = v.level;
  if (v.hazardLevel && (v.kinds.includes('hazard') || v.kinds.includes('closure'))) s.hazardLevel = v.hazardLevel;
  if (v.includeUnsigned) s.includeUnsigned = true;
  return s;
}

/** A title in the office's usual form, e.g. 禹安〔2024〕1号安全生产对话谈心明白书. */
export function suggestTitle(v: SelectionValues, year: number, notices: Notice[], units: Unit[]): string {
  const notice = notices.find((n) => n.id === v.noticeId);
  const unit = units.find((u) => u.id === v.unitId)?.name ?? '';
  const what = v.kinds.map((k) => KIND_TITLE[k]).join('、');
  const level = v.level && v.kinds.includes('pledge') ? `（${levelLabel(v.level)}）` : '';
  const hazard = v.hazardLevel && !v.kinds.includes('pledge') ? `（${v.hazardLevel}隐患）` : '';
  return notice ? `${notice.docNo}${unit}${what}${level}${hazard}` : `${year}年度${unit}${what}${level}${hazard}`;
}

function latestYear(items: PreviewItem[]): number | undefined {
  const ys = items.map((i) => i.date?.slice(0, 4)).filter((y): y is string => !!y);
  return ys.length ? Number(ys.sort().at(-1)) : undefined;
}

interface Props {
  open: boolean;
  notices: Notice[];
  units: Unit[];
  onClose: () => void;
  onCreated: (v: VolumeView) => void;
}

const STEPS = ['选择材料', '预览卷内文件', '填写案卷信息'];

export function CreateVolumeDrawer({ open, notices, units, onClose, onCreated }: Props) {
  const { settings } = useAppState();
  const [step, setStep] = useState(0);
  const [selForm] = Form.useForm<SelectionValues>();
  const [volForm] = Form.useForm<VolumeFormValues>();
  const [sel, setSel] = useState<SelectionValues | null>(null);
  const [preview, setPreview] = useState<PreviewItem[] | null>(null);
  const [suggested, setSuggested] = useState('');
  const { run, pending } = useAction();
  const { modal, message } = App.useApp();
  const kinds = Form.useWatch('kinds', selForm) ?? [];
  const titleNow = Form.useWatch('title', volForm);

  const reset = () => {
    setStep(0);
    setSel(null);
    setPreview(null);
    selForm.resetFields();
    volForm.resetFields();
  };

  const toPreview = async () => {
    const v = await selForm.validateFields();
    const r = await run(() => call('volumes:preview', { selection: selectionOf(v), orderBy: v.orderBy }));
    if (!r.ok) return;
    setSel(v);
    setPreview(r.value);
    setStep(1);
  };

  const toForm = () => {
    if (!sel || !preview) return;
    const year = sel.year ?? latestYear(preview) ?? dayjs().year();
    const title = suggestTitle(sel, year, notices, units);
    setSuggested(title);
    const touched = volForm.isFieldsTouched();
    if (!touched) {
      volForm.setFieldsValue({
        title,
        fondsName: settings?.fondsName ?? '',
        fondsCode: settings?.fondsCode ?? '',
        categoryName: settings?.categoryName ?? '',
        year,
        retention: 'D30',
        creator: settings?.clerkName ?? '',
        checker: '',
        pageLimit: 200,
      });
    } else {
      volForm.setFieldsValue({ year: volForm.getFieldValue('year') ?? year });
    }
    setStep(2);
  };

  const create = async (newVolume = false) => {
    if (!sel) return;
    const v = await volForm.validateFields();
    const input = { ...toVolumeInput(v), selection: selectionOf(sel), orderBy: sel.orderBy };
    let conflictMessage: string | null = null;
    const r = await run(
      async () => {
        try {
          return await call('volumes:create', { ...input, ...(newVolume ? { newVolume: true } : {}) });
        } catch (e) {
          // records already archived elsewhere: the clerk decides (below), no error toast
          if (e instanceof ApiCallError && e.code === 'CONFLICT') conflictMessage = e.message;
          throw e;
        }
      },
      {
        success: (x) =>
          x.reopened
            ? `所选材料已在案卷“${x.title}”（档号 ${x.archivalNo}）中，已打开该案卷，未另编卷号`
            : `已建立案卷草稿：${x.title}（${x.items.length} 件）`,
        silentError: true,
      },
    );
    if (!r.ok) {
      if (conflictMessage) {
        modal.confirm({
          title: '所选材料已归入其他案卷',
          width: 560,
          content: <div className="archived-list">{conflictMessage}</div>,
          okText: '仍然另组新卷',
          okButtonProps: { danger: true },
          cancelText: '不组卷',
          onOk: () => create(true),
        });
      } else message.error(r.error, 6);
      return;
    }
    reset();
    onCreated(r.value);
  };

  const noScan = preview?.filter((p) => p.kind === 'pledge' && !p.scans).length ?? 0;

  // A wizard: Ctrl+S / Enter only create the volume on the last step.
  const { requestClose } = useFormDrawer({
    open,
    forms: [selForm, volForm],
    onClose,
    onSave: () => {
      if (step === 2) create().catch(() => {});
    },
    dirty: () => step > 0,
  });

  return (
    <Drawer
      title="新建案卷"
      open={open}
      onClose={requestClose}
      size={880}
      mask={{ closable: false }}
      className="volume-create"
      footer={
        <div className="drawer-footer">
          <Button onClick={requestClose}>取消</Button>
          <Space>
            {step > 0 ? <Button onClick={() => setStep(step - 1)}>上一步</Button> : null}
            {step === 0 ? (
              <Button type="primary" onClick={toPreview} loading={pending}>
                下一步：预览卷内文件
              </Button>
            ) : step === 1 ? (
              <Button type="primary" onClick={toForm} disabled={!preview?.length}>
                下一步：填写案卷信息
              </Button>
            ) : (
              <Button type="primary" onClick={() => void create()} loading={pending}>
                建立案卷
              </Button>
            )}
          </Space>
        </div>
      }
    >
      <Steps current={step} size="small" items={STEPS.map((title) => ({ title }))} style={{ marginBottom: 24 }} />

      <div style={{ display: step === 0 ? undefined : 'none' }}>
        <Form<SelectionValues> form={selForm} layout="vertical" initialValues={{ kinds: ['pledge'], orderBy: 'date' }}>
          <Form.Item
            name="kinds"
            label="装入哪些材料"
            rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一类材料' }]}
            extra="多类材料依次装订：明白书、报送材料、台账摘录、闭环档案。"
          >
            <Checkbox.Group className="kind-checks">
              {KIND_OPTIONS.map((k) => (
                <Checkbox key={k.value} value={k.value}>
                  <span className="kind-check-label">{k.label}</span>
                  <span className="cell-sub">{k.hint}</span>
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="noticeId" label="通知文件">
                <NoticeSelect notices={notices} allowClear placeholder="全部（不限通知）" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="unitId" label="单位">
                <UnitSelect units={units} allowClear placeholder="全部单位" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item name="year" label="年度">
                <InputNumber min={1949} max={2100} placeholder="不限" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="level" label="谈话层级（明白书）">
                <Select
                  allowClear
                  disabled={!kinds.includes('pledge')}
                  placeholder="全部层级"
                  popupMatchSelectWidth={false}
                  options={PLEDGE_LEVELS.map((l) => ({ value: l.level, label: `${levelLabel(l.level)} · ${l.name}` }))}
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="hazardLevel" label="隐患等级（台账、闭环）">
                <Select
                  allowClear
                  disabled={!kinds.includes('hazard') && !kinds.includes('closure')}
                  placeholder="全部"
                  options={[
                    { value: '一般', label: '一般隐患' },
                    { value: '重大', label: '重大隐患' },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="orderBy" label="卷内排列顺序" extra="建立后还可以在案卷中拖动调整">
            <Radio.Group optionType="button" options={ORDER_OPTIONS} />
          </Form.Item>
          <Form.Item name="includeUnsigned" valuePropName="checked">
            <Checkbox disabled={!kinds.includes('pledge')}>也装入尚未签订的明白书（完整性检查会列出）</Checkbox>
          </Form.Item>
        </Form>
      </div>

      {step === 1 && preview ? (
        <div>
          {preview.length ? (
            <Alert
              type={noScan ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 12 }}
              title={`按所选条件，共 ${preview.length} 件将装入本卷`}
              description={
                noScan
                  ? `其中 ${noScan} 份明白书没有扫描件，装订时以登记表代替，完整性检查会列出。`
                  : '下一步填写案卷封面和备考表信息。'
              }
            />
          ) : null}
          <Table<PreviewItem>
            size="small"
            rowKey={(r, i) => `${r.kind}:${r.recordId ?? i}`}
            dataSource={preview}
            pagination={preview.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ y: 520 }}
            locale={{ emptyText: <Empty description="按所选条件没有可装订的材料，请返回修改条件" /> }}
            columns={[
              { title: '件号', width: 60, align: 'center', render: (_, __, i) => i + 1 },
              {
                title: '类别',
                dataIndex: 'kind',
                width: 90,
                render: (k: PreviewItem['kind']) => <Tag color={ITEM_KIND[k].color}>{ITEM_KIND[k].label}</Tag>,
              },
              { title: '题名', dataIndex: 'title', ellipsis: true },
              { title: '责任者', dataIndex: 'responsible', width: 150, ellipsis: true },
              { title: '日期', dataIndex: 'date', width: 110, render: showDate },
              {
                title: '扫描件',
                dataIndex: 'scans',
                width: 80,
                align: 'center',
                render: (n: number, r) =>
                  n ? n : r.kind === 'pledge' ? <Tag color="red">缺</Tag> : <span className="cell-sub">—</span>,
              },
            ]}
          />
        </div>
      ) : null}

      <div style={{ display: step === 2 ? undefined : 'none' }}>
        <Form<VolumeFormValues> form={volForm} layout="vertical">
          <VolumeFields
            mode={settings?.archiveMode === 'piece' ? 'piece' : 'volume'}
            titleExtra={
              suggested && titleNow !== suggested ? (
                <span>
                  建议：{suggested}{' '}
                  <Typography.Link onClick={() => volForm.setFieldsValue({ title: suggested })}>
                    使用建议题名
                  </Typography.Link>
                </span>
              ) : undefined
            }
          />
        </Form>
      </div>
    </Drawer>
  );
}
