import * as migration_20261128_160918_initial from './20261128_160918_initial';

export const migrations = [
  {
    up: migration_20261128_160918_initial.up,
    down: migration_20261128_160918_initial.down,
    name: '20261128_160918_initial'
  },
];
