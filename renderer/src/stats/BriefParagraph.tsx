/** The draft 简报 sentence with the figures filled in, and 复制 for pasting into the briefing. */
import { CopyOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Clipboard API unavailable (older Chromium, no permission): fall back to a hidden textarea.
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.left = '-9999px';
  document.body.appendChild(ta);
  ta.select();
  const ok = document.execCommand('copy');
  document.body.removeChild(ta);
  if (!ok) throw new Error('copy failed');
}

export function BriefParagraph({ text }: { text: string }) {
  const { message } = App.useApp();
  return (
    <div className="brief-box">
      <div className="brief-head">
        <span className="card-title" style={{ margin: 0 }}>
          简报用语（草稿）
        </span>
        <Button
          size="small"
          icon={<CopyOutlined />}
          onClick={() =>
            copyText(text).then(
              () => message.success('已复制到剪贴板，可粘贴到简报中'),
              () => message.error('复制失败，请手动选中文字复制'),
            )
          }
        >
          复制
        </Button>
      </div>
      <p className="brief-text" data-testid="stats-paragraph">
        {text}
      </p>
    </div>
  );
}
