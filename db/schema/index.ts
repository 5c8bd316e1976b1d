export * from './settings';
export * from './units';
export * from './notices';
export * from './attachments';
export * from './pledges';
export * from './audit';
export * from './hazards';
export * from './returns';
