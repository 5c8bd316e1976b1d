/**
 * 核对封卷: re-hashes, now, the PDF kept at sealing and every file bound into the volume, and compares each bound
 * record with the data it was sealed with; lists what changed (which record, which field, which file).
 */
import { SafetyOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { call } from '../api/client';
import { errorMessage } from '../api/errors';
import type { CheckResult } from './types';

export function SealVerify({ id }: { id: number }) {
  const [state, setState] = useState<{ loading: boolean; result: CheckResult | null; error: string | null }>({
    loading: false,
    result: null,
    error: null,
  });
  const verify = async () => {
    setState({ loading: true, result: null, error: null });
    try {
      setState({ loading: false, result: await call('volumes:check', { id }), error: null });
    } catch (e) {
      setState({ loading: false, result: null, error: errorMessage(e) });
    }
  };
  const r = state.result;
  return (
    <div className="seal-verify" data-testid="seal-verify">
      <Button size="small" icon={<SafetyOutlined />} loading={state.loading} onClick={() => void verify()}>
        核对封卷（重新校验 PDF 和装订的文件）
      </Button>
      {state.error ? (
        <Alert style={{ marginTop: 8 }} type="error" showIcon title="核对未能完成" description={state.error} />
      ) : null}
      {r ? (
        <Alert
          style={{ marginTop: 8 }}
          type={r.sealed && !r.sealed.intact ? 'error' : r.warnings ? 'warning' : 'success'}
          showIcon
          title={r.sealed && !r.sealed.intact ? '封卷后有改动：' : '封卷时的 PDF 和装订的全部文件、记录均未改动'}
          description={
            r.problems.length ? (
              <ul>
                {r.problems.map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            ) : null
          }
        />
      ) : null}
    </div>
  );
}
