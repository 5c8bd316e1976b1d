/** First run (an empty register): offer the demo data to look around, or a blank start from the unit directory. */
import { ExperimentOutlined, FormOutlined, SafetyCertificateFilled } from '@ant-design/icons';
import { Button } from 'antd';
import { call } from '../api/client';
import { useAction } from '../api/useRequest';

export function WelcomePanel({ onBlank }: { onBlank: () => void }) {
  const { run, pending } = useAction();
  const loadDemo = async () => {
    const r = await run(() => call('app:loadDemo', {}), {
      success: (x) => `已填入演示数据：${x.units} 个单位、${x.notices} 份通知、${x.hazards} 条隐患`,
    });
    if (r.ok) setTimeout(() => window.location.reload(), 600);
  };
  return (
    <div className="welcome" data-testid="welcome-panel">
      <SafetyCertificateFilled className="welcome-logo" />
      <h2>欢迎使用安委台账</h2>
      <p className="welcome-lead">
        明白书登记、报送跟踪、隐患台账、统计简报和案卷归档，一个程序管起来。数据只保存在本机，无需联网。
      </p>
      <div className="welcome-choices">
        <div className="welcome-choice">
          <ExperimentOutlined className="welcome-icon" />
          <h3>先看看演示数据</h3>
          <p>填入一个县的乡镇、部门、企业，几份通知、明白书、报送记录和数百条隐患，各功能都能直接试用。</p>
          <Button type="primary" size="large" loading={pending} onClick={loadDemo}>
            填入演示数据
          </Button>
        </div>
        <div className="welcome-choice">
          <FormOutlined className="welcome-icon" />
          <h3>从空白开始</h3>
          <p>先在“单位名录”中录入各乡镇（街道）、部门和企业，再登记通知文件、明白书和隐患。</p>
          <Button size="large" onClick={onBlank} disabled={pending}>
            从空白开始
          </Button>
        </div>
      </div>
      <p className="cell-sub">演示数据只能填入空的数据目录；正式使用时请在“设置”中另选一个空文件夹作为数据目录。</p>
    </div>
  );
}
