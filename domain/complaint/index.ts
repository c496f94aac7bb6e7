export * from './decide';
export * from './model';
