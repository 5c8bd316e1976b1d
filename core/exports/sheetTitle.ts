/**
 * The title row of an exported list: the register's name, and the filter it was exported under in brackets, so
 * a printed page says what it shows (隐患排查治理台账（筛选：方山镇；重大；未整改）).
 */

/**
 * A list's title with the filter it was exported under, e.g. 隐患排查治理台账（筛选：方山镇；重大；未整改）;
 * undefined (the whole-county registers of 案卷归档) leaves the title as it is.
 */
export const withFilter = (title: string, filterTitle: string | undefined): string =>
  filterTitle === undefined ? title : `${title}（${filterTitle}）`;
