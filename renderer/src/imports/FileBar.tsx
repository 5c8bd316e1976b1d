/** The strip above every wizard step: the file, its kind, and the 报送单位 / 所属通知 it is imported for. */
import { FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Tag, Tooltip } from 'antd';
import type { Notice, Unit } from '../api/types';
import { fileSize } from '../components/format';
import { NoticeSelect } from '../components/NoticeSelect';
import { UnitSelect } from '../components/UnitSelect';
import { KIND_COLORS, KIND_SHORT } from './labels';
import type { ImportSession } from './useImportSession';

interface Props {
  session: ImportSession;
  units: Unit[];
  notices: Notice[];
  onRepick: () => void;
  disabled?: boolean;
}

export function FileBar({ session, units, notices, onRepick, disabled }: Props) {
  const { file, preview, choices } = session;
  if (!file) return null;
  const detectedUnit = preview?.unit ?? null;
  const written = preview?.meta.unitName;
  return (
    <div className="import-filebar" data-testid="import-filebar">
      <div className="import-file">
        <FileExcelOutlined className="import-file-icon" />
        <div className="import-file-text">
          <div className="import-file-name" title={file.fileName}>
            {file.fileName}
          </div>
          <div className="cell-sub">
            {fileSize(file.size)}
            {preview ? (
              <>
                {' · '}
                <Tag color={KIND_COLORS[preview.kind]} bordered={false} style={{ marginInlineEnd: 0 }}>
                  {KIND_SHORT[preview.kind]}
                </Tag>
                {` · ${preview.rows} 行数据`}
              </>
            ) : null}
          </div>
        </div>
      </div>
      <div className="import-filebar-field">
        <span className="import-filebar-label">
          报送单位
          {choices.unitId === undefined && detectedUnit ? (
            <Tooltip title={`按表中“${written ?? detectedUnit.name}”自动对应`}>
              <Tag color="green" bordered={false} className="import-auto-tag">
                自动识别
              </Tag>
            </Tooltip>
          ) : null}
        </span>
        <UnitSelect
          units={units}
          value={choices.unitId ?? detectedUnit?.id}
          onChange={(v) => session.choose({ unitId: v })}
          allowClear
          placeholder={written ? `未确定（表中写的是“${written}”）` : '未确定，请选择'}
          style={{ width: 230 }}
        />
      </div>
      <div className="import-filebar-field">
        <span className="import-filebar-label">所属通知</span>
        <NoticeSelect
          notices={notices}
          value={choices.noticeId}
          onChange={(v) => session.chooseNotice(v)}
          allowClear
          placeholder="不计入任何通知"
          style={{ width: 200 }}
        />
      </div>
      <span className="spacer" />
      <Button icon={<ReloadOutlined />} onClick={onRepick} disabled={disabled}>
        重新选择文件…
      </Button>
    </div>
  );
}
