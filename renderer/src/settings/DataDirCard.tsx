/** Where the database and scans live; open it in the file manager or move to another folder. */
import { FolderOpenOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Space, Spin } from 'antd';
import { call } from '../api/client';
import { useAction, useRequest } from '../api/useRequest';
import { LoadError } from '../components/LoadError';

export function DataDirCard() {
  const { modal } = App.useApp();
  const info = useRequest(() => call('app:info', {}), []);
  const { run, pending } = useAction();

  const change = () =>
    modal.confirm({
      title: '更改数据目录',
      content: '选择一个空文件夹将新建数据库；选择原有的数据目录则打开其中的数据。更改后程序会重新启动。',
      okText: '选择文件夹…',
      cancelText: '取消',
      onOk: async () => {
        const r = await run(() => call('app:chooseDataDir', {}));
        if (r.ok && r.value)
          modal.info({ title: '数据目录已更改', content: `新的数据目录：${r.value.dataDir}。程序正在重新启动。` });
      },
    });

  const d = info.data;
  return (
    <div className="page-card">
      <div className="card-title">数据目录</div>
      <LoadError error={info.error} onRetry={info.reload} />
      {!d && info.loading ? <Spin /> : null}
      {d ? (
        <>
          {d.onNetwork ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title="数据目录位于网络共享文件夹"
              description="多台电脑同时写入网络上的数据库可能损坏数据。建议把数据目录放在本机硬盘，并定期备份。"
              data-testid="network-warning"
            />
          ) : null}
          <Descriptions
            bordered
            size="small"
            column={1}
            styles={{ label: { width: 150, whiteSpace: 'nowrap' } }}
            items={[
              { key: 'dir', label: '数据目录', children: <span className="mono-path">{d.dataDir}</span> },
              { key: 'db', label: '数据库文件', children: <span className="mono-path">{d.dbFile}</span> },
              {
                key: 'att',
                label: '扫描件（附件库）',
                children: <span className="mono-path">{d.attachmentsDir}</span>,
              },
              { key: 'bak', label: '自动备份', children: <span className="mono-path">{d.backupsDir}</span> },
              { key: 'ver', label: '程序版本', children: d.version },
            ]}
          />
          <Space style={{ marginTop: 16 }}>
            <Button icon={<FolderOpenOutlined />} onClick={() => run(() => call('app:showDataDir', {}))}>
              打开数据目录
            </Button>
            <Button icon={<SwapOutlined />} onClick={change} loading={pending}>
              更改数据目录…
            </Button>
          </Space>
        </>
      ) : null}
    </div>
  );
}
