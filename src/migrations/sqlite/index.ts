import * as migration_20261128_164451_initial from './20261128_164451_initial';

export const migrations = [
  {
    up: migration_20261128_164451_initial.up,
    down: migration_20261128_164451_initial.down,
    name: '20261128_164451_initial'
  },
];
