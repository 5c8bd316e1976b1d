import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** Title line of a page: name, one-line hint for the clerk, and the page's main actions on the right. */
export function PageHeader({ title, hint, extra }: { title: string; hint?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {hint ? <div className="page-hint">{hint}</div> : null}
      </div>
      {extra ? <div className="page-header-extra">{extra}</div> : null}
    </div>
  );
}
