// The correctly rounded functions against glibc's results (CPython's math on Linux, which mpmath
// confirms correctly rounded) for arguments where V8's Math functions are one ulp off.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exp, log, pow } from './crlibm.js';
import { acos, cos, sin, sinCos } from './crlibm-trig.js';

const cases: Record<string, [(...args: number[]) => number, number[], number][]> = {
  exp: [
    [exp, [0.38990786870906796], 1.4768447240036633],
    [exp, [623.746058520422], 7.753027498333875e270],
    [exp, [2.2659175214404925], 9.639965419627911],
    [exp, [-534.699679282576], 6.065684429231275e-233],
  ],
  log: [
    [log, [0.3774588188043534], -0.9742938055037148],
    [log, [0.7710973410706804], -0.25994066037808644],
    [log, [0.3339268040109943], -1.0968334596899159],
    [log, [2.4666456186261194], 0.9028591785161971],
  ],
  sin: [
    [sin, [-24.437911544588133], 0.6402546185095269],
    [sin, [0.1008296601491292], 0.10065889749680805],
    [sin, [178.07190666619312], 0.840862389584292],
    [sin, [0.7893561244437574], 0.7098999364071882],
  ],
  cos: [
    [cos, [-258.30038381690525], 0.7713820746733956],
    [cos, [652.7357714936219], 0.7547650409282985],
    [cos, [0.7874535748072766], 0.7056518932017305],
    [cos, [-321.03045644711517], 0.8320485318244182],
  ],
  pow: [
    [pow, [0.00006987696145918243, -4.8034011603558096], 91480984512842740000],
    [pow, [0.0009136459118642297, -5.895102623402969], 825137043440909700],
    [pow, [0.3433945603354437, -0.3478447427827879], 1.4503466676729613],
    [pow, [0.39907180245895346, -12.45503942289573], 93094.70766833144],
  ],
  acos: [
    [acos, [-0.6597462246581836], 2.2912773406645504],
    [acos, [0.6806804314443102], 0.8221052778388326],
    [acos, [0.3825392879908587], 1.1782532608020235],
    [acos, [-0.42248683627258354], 2.006983632735999],
  ],
};

describe('correctly rounded libm', () => {
  for (const [name, list] of Object.entries(cases)) {
    it(`${name} gives glibc's double where Math.${name} is an ulp off`, () => {
      for (const [f, args, want] of list) assert.equal(f(...args), want, `${name}(${args.join(', ')})`);
    });
  }
  it('takes integer powers by squaring, and x ** 0.5 as sqrt, with CPython’s values', () => {
    // CPython 3.11 on glibc: repr(0.95 ** 10) and the rest
    assert.equal(pow(0.95, 10), 0.5987369392383787);
    assert.notEqual(Math.pow(0.95, 10), 0.5987369392383787);
    assert.equal(pow(2.5, -3), 0.064);
    assert.equal(pow(1.1, 100), 13780.61233982238);
    assert.equal(pow(0.5, 1000), 9.332636185032189e-302);
    assert.equal(pow(1.0001, 1024), 1.107820842039981);
    assert.equal(pow(7, 0.5), 2.6457513110645907);
    assert.equal(pow(-1.5, 3), -3.375);
    assert.equal(pow(-2, -2), 0.25);
  });
  it('keeps the exact and special values', () => {
    assert.equal(exp(0), 1);
    assert.equal(log(1), 0);
    assert.equal(log(Math.E), 1);
    assert.deepEqual(sinCos(0), [0, 1]);
    assert.equal(acos(1), 0);
    assert.equal(acos(-1), Math.PI);
    assert.equal(acos(0), Math.PI / 2);
    assert.equal(pow(2, 10), 1024);
    assert.equal(pow(1, NaN), 1);
    assert.equal(pow(0, 2), 0);
    assert.ok(Number.isNaN(log(-1)));
    assert.equal(log(0), -Infinity);
    assert.equal(exp(1000), Infinity);
    assert.equal(log(5e-324), -744.4400719213812);
  });
});
