import * as migration_20261128_173830_initial from './20261128_173830_initial';

export const migrations = [
  {
    up: migration_20261128_173830_initial.up,
    down: migration_20261128_173830_initial.down,
    name: '20261128_173830_initial'
  },
];
