import { Alert, Button } from 'antd';

/** Shown in place of a list when loading failed, with the server's message and a retry. */
export function LoadError({ error, onRetry }: { error: string | null; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title="数据加载失败"
      description={error}
      style={{ marginBottom: 12 }}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}
