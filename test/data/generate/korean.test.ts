import { describe, expect, it } from 'vitest';
import { fillTemplate, withParticle } from '../../../data/generate/korean.js';

describe('withParticle', () => {
  it.each([
    ['항체', '을', '항체를'],
    ['전극', '를', '전극을'],
    ['발명', '은', '발명은'],
    ['장치', '은', '장치는'],
    ['센서', '과', '센서와'],
    ['필름', '와', '필름과'],
    ['공정', '으로', '공정으로'],
    ['증착', '으로', '증착으로'],
    ['레일', '으로', '레일로'],
    ['건조', '으로', '건조로'],
    ['PCB', '을', 'PCB를'],
    ['MIMO', '이', 'MIMO가'],
    ['HSM', '을', 'HSM을'],
    ['미세유체 칩(microfluidic chip)', '을', '미세유체 칩(microfluidic chip)을'],
  ])('%s + %s', (word, particle, expected) => {
    expect(withParticle(word, particle)).toBe(expected);
  });
});

describe('fillTemplate', () => {
  it('ignores glosses when choosing particles', () => {
    const text = fillTemplate('{part:을} 포함하는 {object}', (name) =>
      name === 'part'
        ? { plain: '양자점', written: '양자점(quantum dot)' }
        : { plain: '필름', written: '필름' },
    );
    expect(text).toBe('양자점(quantum dot)을 포함하는 필름');
  });
});
