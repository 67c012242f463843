import * as migration_20261128_170619_initial from './20261128_170619_initial';

export const migrations = [
  {
    up: migration_20261128_170619_initial.up,
    down: migration_20261128_170619_initial.down,
    name: '20261128_170619_initial'
  },
];
