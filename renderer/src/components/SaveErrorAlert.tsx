/**
 * The refusal a form drawer shows above its fields ("未保存：…"). When the service refused a record as a probable
 * duplicate (its message starts with 疑似重复), the clerk can confirm it is another one: 仍然保存.
 */
import { Alert, Button } from 'antd';

export const isDuplicateRefusal = (message: string) => message.startsWith('疑似重复');

export function SaveErrorAlert(props: {
  error: string | null;
  pending: boolean;
  onConfirmDuplicate: () => void;
  testId: string;
}) {
  const { error, pending, onConfirmDuplicate, testId } = props;
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={`未保存：${error}`}
      style={{ marginBottom: 16 }}
      data-testid={`${testId}-form-error`}
      action={
        isDuplicateRefusal(error) ? (
          <Button
            size="small"
            danger
            onClick={onConfirmDuplicate}
            loading={pending}
            data-testid={`${testId}-save-duplicate`}
          >
            仍然保存
          </Button>
        ) : undefined
      }
    />
  );
}
