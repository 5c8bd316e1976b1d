/** Providers: antd in Chinese (zh_CN + dayjs zh-cn), the office theme, and antd's App for message/modal. */
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Shell } from './Shell';
import { theme } from './theme';

dayjs.locale('zh-cn');

export function Root() {
  return (
    <ConfigProvider locale={zhCN} theme={theme} componentSize="middle" button={{ autoInsertSpace: false }}>
      <AntApp message={{ maxCount: 3, top: 56 }}>
        <Shell />
      </AntApp>
    </ConfigProvider>
  );
}
