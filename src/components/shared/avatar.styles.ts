/** The look of an avatar (shared by the header and the transcript): a circle with initials, an image over them. */
import { css } from 'lit';

export const avatarStyles = css`
  .avatar {
    position: relative;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    flex: none;
    width: var(--_avatar, 28px);
    height: var(--_avatar, 28px);
    border-radius: 50%;
    overflow: hidden;
    color: #fff;
    font-size: 0.75em;
    font-weight: 600;
    line-height: 1;
    background: #455a64;
  }
  .avatar img {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .c0 { background: #1565c0; }
  .c1 { background: #2e7d32; }
  .c2 { background: #ad1457; }
  .c3 { background: #6a1b9a; }
  .c4 { background: #00695c; }
  .c5 { background: #c62828; }
  .c6 { background: #5d4037; }
  .c7 { background: #4527a0; }
`;
