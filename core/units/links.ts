import type { AppContext } from '../platform/context';
import { linkHazardsToUnits } from '../hazards/unitLinks';
import { linkPledgesToUnits } from '../pledges/unitLinks';
import { linkReturnsToUnits } from '../returns/unitLinks';

/**
 * Links records that kept a unit's name as written (imports: 隐患's 乡镇, 明白书's 谈话对象单位, 报送单位) to the
 * directory's unit of that name or alias, once the directory knows it. Called after units change.
 */
export function linkRecordsToUnits(ctx: AppContext): number {
  return linkHazardsToUnits(ctx) + linkPledgesToUnits(ctx) + linkReturnsToUnits(ctx);
}
