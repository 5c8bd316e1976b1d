/**
 * 导出为…: the dialog where the clerk picks PDF or OFD for a volume's export, with what an OFD export can and
 * cannot carry (a PDF scan page must be one whole-page image; a sealed volume is drawn from its sealed content).
 */
import { Alert, Form, Modal, Radio } from 'antd';

interface Props {
  /** The format picked; null when the dialog is closed. */
  choosing: 'pdf' | 'ofd' | null;
  setChoosing: (format: 'pdf' | 'ofd' | null) => void;
  onExport: (format: 'pdf' | 'ofd') => void;
}

export function ExportFormatModal({ choosing, setChoosing, onExport }: Props) {
  return (
    <Modal
      open={choosing !== null}
      title="导出案卷"
      okText={choosing === 'ofd' ? '导出 OFD' : '导出 PDF'}
      cancelText="取消"
      onCancel={() => setChoosing(null)}
      onOk={() => {
        const format = choosing ?? 'pdf';
        setChoosing(null);
        onExport(format);
      }}
    >
      <Form layout="vertical">
        <Form.Item label="文件格式">
          <Radio.Group
            value={choosing}
            onChange={(e) => setChoosing(e.target.value as 'pdf' | 'ofd')}
            options={[
              { value: 'pdf', label: 'PDF（打印、封卷用）' },
              { value: 'ofd', label: 'OFD 版式文件（GB/T 33190，电子档案移交用）' },
            ]}
          />
        </Form.Item>
      </Form>
      {choosing === 'ofd' ? (
        <Alert
          type="info"
          showIcon
          title="OFD 与 PDF 的页面相同：封面、卷内目录、登记表、扫描件、页号和归档章位置一致，字体嵌入文件中。"
          description={
            <ul className="ofd-limits">
              <li>
                PDF 扫描件的每一页必须是一整页扫描图像；含文字或图形的 PDF 页无法转为 OFD，导出会提示是哪个文件第几页。
              </li>
              <li>封卷保存的是 PDF；已封卷的案卷按封卷时的内容生成 OFD。</li>
            </ul>
          }
        />
      ) : null}
    </Modal>
  );
}
