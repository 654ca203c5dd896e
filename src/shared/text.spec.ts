import { foldText } from './text';

describe('foldText', () => {
  it('folds Cyrillic and Latin case and reads ё as е', () => {
    expect(foldText('Байкальский ФОРУМ Forum')).toBe('байкальский форум forum');
    expect(foldText('Ёлки и ёж')).toBe('елки и еж');
    expect(foldText(null)).toBeNull();
  });
});
