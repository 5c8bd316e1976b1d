/** 导出台账 Excel: the registers the office keeps alongside the volumes (whole-county, no filter). */
import { DownOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { call } from '../api/client';
import { useAction } from '../api/useRequest';

export function RegisterExportButton({ noticeId }: { noticeId?: number }) {
  const { run, pending } = useAction();
  const save = (p: Promise<{ file: string } | null>) =>
    run(() => p, { success: (r) => (r ? `已保存：${r.file}` : null) });
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'ledger', label: '隐患排查治理台账' },
          { key: 'pledges', label: '明白书签订情况汇总表' },
          { key: 'board', label: '材料报送情况跟踪表' },
        ],
        onClick: ({ key }) => {
          if (key === 'ledger') void save(call('exports:ledger', {}));
          if (key === 'pledges') void save(call('exports:pledgeSummary', noticeId ? { noticeId } : {}));
          if (key === 'board') void save(call('board:export', noticeId ? { noticeId } : {}));
        },
      }}
    >
      <Button icon={<FileExcelOutlined />} loading={pending}>
        导出台账 Excel <DownOutlined />
      </Button>
    </Dropdown>
  );
}
