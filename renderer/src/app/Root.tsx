/** Providers: antd in Chinese (zh_CN + dayjs zh-cn), the office theme, and antd's App for message/modal. */
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { PrintPreviewProvider } from '../components/PrintPreview';
import { Shell } from './Shell';
import { theme } from './theme';

dayjs.locale('zh-cn');

/** Honour the system's "reduce motion" setting: no sliding drawers or zooming dialogs. */
const reduceMotion =
  typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
const appTheme = reduceMotion ? { ...theme, token: { ...theme.token, motion: false } } : theme;

export function Root() {
  return (
    <ConfigProvider locale={zhCN} theme={appTheme} componentSize="middle" button={{ autoInsertSpace: false }}>
      <AntApp message={{ maxCount: 3, top: 56 }}>
        <PrintPreviewProvider>
          <Shell />
        </PrintPreviewProvider>
      </AntApp>
    </ConfigProvider>
  );
}
