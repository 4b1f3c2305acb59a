export * from './file-content';
export * from './file-http';
export * from './stored-file.entity';
export * from './stored-file.table';
export * from './stored-files';
export * from './stored-file.routes';
