/** 谈话层级 picker showing the 附件2 name and description of each of the four levels. */
import { Select } from 'antd';
import { PLEDGE_LEVELS, levelLabel } from '../../../core/domain/pledgeLevels';

interface Props {
  value?: number;
  onChange?: (v: number) => void;
  id?: string;
  placeholder?: string;
}

export function LevelSelect({ value, onChange, id, placeholder }: Props) {
  return (
    <Select<number>
      id={id}
      value={value}
      onChange={onChange}
      placeholder={placeholder ?? '选择谈话层级（附件2）'}
      popupMatchSelectWidth={520}
      options={PLEDGE_LEVELS.map((l) => ({
        value: l.level,
        label: `${levelLabel(l.level)} · ${l.name}`,
        name: l.name,
        description: l.description,
      }))}
      optionRender={(o) => (
        <div style={{ whiteSpace: 'normal', padding: '2px 0' }}>
          <div style={{ fontWeight: 500 }}>
            {levelLabel(o.data.value as number)} · {o.data.name}
          </div>
          <div className="cell-sub">{o.data.description}</div>
        </div>
      )}
    />
  );
}
