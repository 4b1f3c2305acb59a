import { parseSeedArguments } from './seed-arguments';

describe('npm run seed options', () => {
  it('reads --scale with or without a factor, and --seed', () => {
    expect(parseSeedArguments([])).toEqual({ seed: 1 });
    expect(parseSeedArguments(['--scale'])).toEqual({ scale: 1, seed: 1 });
    expect(parseSeedArguments(['--scale', '0.05', '--seed', '42'])).toEqual({ scale: 0.05, seed: 42 });
    expect(parseSeedArguments(['--scale=2', '--seed=-3'])).toEqual({ scale: 2, seed: -3 });
    expect(parseSeedArguments(['--scale', '--seed', '5'])).toEqual({ scale: 1, seed: 5 });
  });

  it('refuses what it cannot mean exactly', () => {
    expect(() => parseSeedArguments(['--scale', '0'])).toThrow('--scale must be a number above 0');
    expect(() => parseSeedArguments(['--scale', 'big'])).toThrow('--scale must be a number above 0');
    expect(() => parseSeedArguments(['--scale', '21'])).toThrow('at most 20');
    expect(() => parseSeedArguments(['--seed', '1.5'])).toThrow('--seed must be an integer');
    expect(() => parseSeedArguments(['--seed'])).toThrow('--seed needs a value');
    expect(() => parseSeedArguments(['--scal'])).toThrow('unknown option --scal');
  });
});
