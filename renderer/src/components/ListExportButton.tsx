/**
 * 导出 of a list page: the rows the page shows under its current filters, as a print-ready Excel workbook whose
 * title row names the filter. The main process asks where to save and opens the file.
 */
import { FileExcelOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useAction } from '../api/useRequest';

export function ListExportButton({ exportList }: { exportList: () => Promise<{ file: string } | null> }) {
  const { run, pending } = useAction();
  return (
    <Tooltip title="按当前筛选条件导出 Excel（可直接打印）">
      <Button
        icon={<FileExcelOutlined />}
        loading={pending}
        data-testid="list-export"
        onClick={() => void run(exportList, { success: (r) => (r ? `已导出：${r.file}` : null) })}
      >
        导出
      </Button>
    </Tooltip>
  );
}
