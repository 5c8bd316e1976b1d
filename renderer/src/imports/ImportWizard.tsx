/** 导入报表: 选择文件 → 工作表与表头 → 列对应 → 预览与核对 → 导入完成. */
import { ExportOutlined, ImportOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Modal, Steps, Tooltip } from 'antd';
import { useState } from 'react';
import { call } from '../api/client';
import { errorMessage, isCancelled } from '../api/errors';
import { JobProgress } from '../components/JobProgress';
import { newJobId } from '../components/jobs';
import type { Notice, Unit } from '../api/types';
import { useAction } from '../api/useRequest';
import { CreditPanel } from './CreditPanel';
import { DoneStep } from './DoneStep';
import { FileBar } from './FileBar';
import { MappingStep } from './MappingStep';
import { PickFileStep } from './PickFileStep';
import { PreviewStep } from './PreviewStep';
import { SheetStep } from './SheetStep';
import type { CommitResult } from './types';
import { useImportSession } from './useImportSession';

const STEPS = ['选择文件', '工作表与表头', '列对应', '预览与核对', '导入完成'];

interface Props {
  units: Unit[];
  notices: Notice[];
  initialNoticeId?: number;
  /** After a commit or an undo: the history tab reloads. */
  onChanged: () => void;
  /** Changes when a batch was committed or undone elsewhere (导入记录): the done step checks its batch again. */
  version?: number;
}

export function ImportWizard({ units, notices, initialNoticeId, onChanged, version = 0 }: Props) {
  const session = useImportSession({ noticeId: initialNoticeId });
  const { modal, message } = App.useApp();
  const [step, setStep] = useState(0);
  const [skipErrors, setSkipErrors] = useState(false);
  const [result, setResult] = useState<CommitResult | null>(null);
  const [commitJob, setCommitJob] = useState<string | null>(null);
  const letter = useAction();
  const p = session.preview;

  const pick = async () => {
    setSkipErrors(false);
    if ((await session.pick({ keepPicked: true })) === 'ready') setStep(1);
  };
  const again = () => {
    session.reset();
    setResult(null);
    setSkipErrors(false);
    setStep(0);
  };
  const repick = async () => {
    setSkipErrors(false);
    const r = await session.pick();
    if (r === 'ready') setStep(1);
    else if (r === 'failed' || r === 'stopped') setStep(0);
  };

  const fileErrors = p ? p.errors.filter((e) => e.row === null).length : 0;
  const rowErrors = p ? p.errors.length - fileErrors : 0;
  const blocked =
    !p ||
    p.duplicateOf !== null ||
    fileErrors > 0 ||
    !!p.creditError ||
    p.importable === 0 ||
    (rowErrors > 0 && !skipErrors);
  const blockReason = !p
    ? ''
    : p.duplicateOf !== null
      ? '此文件已导入过'
      : fileErrors
        ? '表格有整体性的问题（见上方红色提示）'
        : p.creditError
          ? p.creditError
          : p.importable === 0
            ? '没有可导入的数据行'
            : rowErrors && !skipErrors
              ? `有 ${rowErrors} 处错误：请退回修改，或勾选“跳过有错误的行”`
              : '';

  const doCommit = async () => {
    if (!session.file) return;
    const jobId = newJobId();
    setCommitJob(jobId);
    let r: CommitResult;
    try {
      r = await call('imports:commit', {
        token: session.file.token,
        options: session.options({ skipErrors: skipErrors || undefined }),
        jobId,
      });
    } catch (e) {
      if (isCancelled(e)) message.info(e.message);
      else message.error(errorMessage(e), 6);
      return;
    } finally {
      setCommitJob(null);
    }
    if (!r.committed) {
      modal.warning({ title: '未导入', content: r.message, okText: '知道了' });
      return;
    }
    setResult(r);
    setStep(4);
    onChanged();
  };

  const doLetter = async () => {
    if (!session.file) return;
    const r = await letter.run(() =>
      call('imports:returnLetter', { token: session.file!.token, options: session.options() }),
    );
    if (!r.ok || !r.value) return;
    const v = r.value;
    const content = (
      <div data-testid="return-letter-done">
        <p>
          已保存到：<span className="mono-path">{v.file}</span>
        </p>
        <p>
          表中标出了 {v.errors} 处错误（红色）和 {v.warnings}{' '}
          处需核对（黄色），首页“问题汇总”逐条列出。请把此文件发给报送单位修改后重新报送。
        </p>
        {v.returnId ? (
          <p>报送跟踪中已登记的“{v.returnLabel}”仍为“已接收”。要把它记为“退回修改”吗？</p>
        ) : (
          <p className="cell-sub">
            报送跟踪中没有这份已登记的报送，未作任何记录；需要时在“报送登记”中登记后点“退回修改”。
          </p>
        )}
      </div>
    );
    // Making the letter records nothing; marking the return sent back is the clerk's separate act (returns:sendBack).
    if (!v.returnId) {
      modal.success({ title: '退回修改表已生成', width: 520, content, okText: '知道了' });
      return;
    }
    const returnId = v.returnId;
    modal.confirm({
      title: '退回修改表已生成',
      width: 520,
      content,
      okText: '记为退回修改',
      cancelText: '暂不标记',
      onOk: async () => {
        try {
          await call('returns:sendBack', { id: returnId, reason: v.reason });
          message.success('已记为退回修改');
        } catch (e) {
          message.error(errorMessage(e), 6);
        }
      },
    });
  };

  const maxStep = result ? 4 : p ? 3 : 0;
  const commitLabel =
    !p || blocked
      ? '导入'
      : p.kind === 'hazard' || p.kind === 'pledge'
        ? `导入（新增 ${p.new}，变更 ${p.changed}）`
        : `导入 ${p.importable} 行`;
  const canLetter = !!p && p.errors.length + p.warnings.length > 0;

  return (
    <div className="import-wizard" data-testid="import-wizard">
      <Steps
        current={step}
        className="import-steps"
        size="small"
        onChange={(i) => {
          if (result ? i === 4 : i <= maxStep) setStep(i);
        }}
        items={STEPS.map((title, i) => ({
          title,
          disabled: result ? i !== 4 : i > maxStep,
        }))}
      />
      {step > 0 && step < 4 ? (
        <FileBar
          session={session}
          units={units}
          notices={notices}
          onRepick={() => void repick()}
          disabled={session.loading}
        />
      ) : null}
      <div className="import-step-wrap">
        {session.loading && step > 0 ? (
          <div className="import-busy">
            <JobProgress jobId={session.jobId} text="正在分析表格…" testId="import-progress" />
          </div>
        ) : null}
        <div className="import-step-body" data-testid={`import-step-${step}`}>
          {step === 0 ? (
            <PickFileStep session={session} units={units} notices={notices} onPick={() => void pick()} />
          ) : null}
          {step > 0 && step < 4 && session.error ? (
            <Alert
              type="error"
              showIcon
              closable
              className="import-alert"
              title="无法按此设置读取表格"
              description={session.error}
            />
          ) : null}
          {step === 1 ? <SheetStep session={session} /> : null}
          {step === 2 ? <MappingStep session={session} /> : null}
          {step === 3 && p ? <CreditPanel session={session} notices={notices} /> : null}
          {step === 3 && p ? <PreviewStep key={session.file?.token} preview={p} /> : null}
          {step === 4 && result ? (
            <DoneStep result={result} onAgain={again} onUndone={onChanged} version={version} />
          ) : null}
        </div>
      </div>
      <Modal
        open={!!commitJob}
        footer={null}
        closable={false}
        mask={{ closable: false }}
        width={440}
        centered
        title="正在导入"
      >
        {commitJob ? (
          <JobProgress
            jobId={commitJob}
            text="正在导入…"
            hint="导入是一次完成的：取消或出错都不会留下任何数据。"
            testId="import-commit-progress"
          />
        ) : null}
      </Modal>
      {step > 0 && step < 4 ? (
        <div className="import-footer">
          <Button icon={<LeftOutlined />} onClick={() => setStep(step - 1)}>
            上一步
          </Button>
          <span className="spacer" />
          {step < 3 ? (
            <Button type="primary" onClick={() => setStep(step + 1)} disabled={!p || session.loading}>
              下一步 <RightOutlined />
            </Button>
          ) : (
            <>
              {rowErrors > 0 && p?.duplicateOf === null && !fileErrors ? (
                <Checkbox
                  checked={skipErrors}
                  onChange={(e) => setSkipErrors(e.target.checked)}
                  data-testid="skip-errors"
                >
                  跳过有错误的行（{p.summary.errorRows} 行不导入）
                </Checkbox>
              ) : null}
              <Tooltip
                title={
                  canLetter
                    ? '生成标出全部问题的表格，发回报送单位修改（是否记为“退回修改”另行确认）'
                    : '表格没有问题，无需退回'
                }
              >
                <Button
                  icon={<ExportOutlined />}
                  onClick={() => void doLetter()}
                  loading={letter.pending}
                  disabled={!canLetter || session.loading}
                >
                  生成退回修改表…
                </Button>
              </Tooltip>
              <Tooltip title={blocked ? blockReason : undefined}>
                <Button
                  type="primary"
                  icon={<ImportOutlined />}
                  onClick={() => void doCommit()}
                  loading={!!commitJob}
                  disabled={blocked || session.loading}
                  data-testid="import-commit"
                >
                  {commitLabel}
                </Button>
              </Tooltip>
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}
