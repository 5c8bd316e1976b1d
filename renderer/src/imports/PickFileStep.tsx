/** Step 1 选择文件: what the file is for (optional unit and notice) and the file dialog. */
import { CheckCircleOutlined, FileExcelOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { Alert, Button, Form } from 'antd';
import type { Notice, Unit } from '../api/types';
import { NoticeSelect } from '../components/NoticeSelect';
import { UnitSelect } from '../components/UnitSelect';
import { JobProgress } from '../components/JobProgress';
import type { ImportSession } from './useImportSession';

interface Props {
  session: ImportSession;
  units: Unit[];
  notices: Notice[];
  onPick: () => void;
}

const POINTS = [
  '自动找到数据所在的工作表、表头（含两行表头、合并单元格）和各列含义',
  '日期、金额、整改状态等各种写法统一换算，有问题的单元格逐一标出',
  '同一单位再次报送的台账自动对账：只更新有变化的隐患，不会重复登记',
  '导入前不写入任何数据；导入后可随时撤销',
];

export function PickFileStep({ session, units, notices, onPick }: Props) {
  return (
    <div className="import-pick">
      <div className="import-pick-main">
        <FileExcelOutlined className="import-pick-icon" />
        <div className="import-pick-title">选择单位报送的表格</div>
        <div className="import-pick-sub">
          Excel 工作簿（.xlsx、.xls）、WPS 表格（.et）、OpenDocument 表格（.ods）或 CSV
          文件：隐患台账、明白书签订情况汇总表、工作清单、报告登记表
        </div>
        <Form layout="vertical" className="import-pick-form" requiredMark={false}>
          <Form.Item label="报送单位" extra="可不选：按表中“填报单位”或标题自动识别">
            <UnitSelect
              units={units}
              value={session.choices.unitId}
              onChange={(v) => session.choose({ unitId: v })}
              allowClear
              placeholder="自动识别"
            />
          </Form.Item>
          <Form.Item label="所属通知" extra="不选则不计入任何通知的报送；也可在“预览与核对”中选择">
            <NoticeSelect
              notices={notices}
              value={session.choices.noticeId}
              onChange={(v) => session.choose({ noticeId: v })}
              allowClear
              placeholder="不计入任何通知"
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Form>
        <Button
          type="primary"
          size="large"
          icon={<FolderOpenOutlined />}
          onClick={onPick}
          loading={session.loading}
          data-testid="import-pick"
        >
          {session.loading ? '正在读取表格…' : '选择文件…'}
        </Button>
        {session.loading ? <JobProgress jobId={session.jobId} text="正在读取表格…" testId="import-progress" /> : null}
        {session.error ? (
          <Alert
            type="error"
            showIcon
            className="import-pick-error"
            title="无法导入该文件"
            description={session.error}
            data-testid="import-file-error"
          />
        ) : null}
      </div>
      <ul className="import-pick-points">
        {POINTS.map((p) => (
          <li key={p}>
            <CheckCircleOutlined /> {p}
          </li>
        ))}
      </ul>
    </div>
  );
}
