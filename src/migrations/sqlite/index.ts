import * as migration_20261128_163446_initial from './20261128_163446_initial';

export const migrations = [
  {
    up: migration_20261128_163446_initial.up,
    down: migration_20261128_163446_initial.down,
    name: '20261128_163446_initial'
  },
];
