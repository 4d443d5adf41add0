/**
 * Styles of the rich views, as a plain string adopted into the transcript's shadow root when the
 * rich chunk arrives (the main bundle does not carry them). Uses the shared token aliases.
 */
export const richCss = `
.rich{display:flex;flex-direction:column;gap:calc(var(--_space)*.5);max-width:100%;white-space:normal}
.agent .rich{align-items:flex-start}.visitor .rich{align-items:flex-end}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.card{display:flex;flex-direction:column;gap:calc(var(--_space)*.5);box-sizing:border-box;width:min(16rem,75vw);padding-block-end:var(--_space);border:1px solid var(--_border);border-radius:var(--_radius);background:var(--_surface);overflow:hidden}
.card>:not(.img,.broken){margin:0 var(--_space)}
.card .img{width:100%;aspect-ratio:16/9;object-fit:cover;background:var(--_bubble)}
.title{font-weight:600;margin:0}.sub{margin:0;color:var(--_muted);font-size:.93em}.note{margin:0;color:var(--_muted);font-size:.87em}
.btns,.chips{display:flex;flex-wrap:wrap;gap:calc(var(--_space)*.5)}
.btns{flex-direction:column}
.btn{display:block;box-sizing:border-box;min-height:44px;padding:calc(var(--_space)*.75) calc(var(--_space)*1.5);border:1px solid var(--_accent);border-radius:calc(var(--_radius)/2);background:transparent;color:var(--_accent);text-align:center;text-decoration:none;font:inherit}
.btn:disabled{opacity:.5;cursor:default}
.btn.chosen{background:var(--_accent);color:var(--_on-accent);opacity:1}
.btn.chosen::before{content:"✓ "}
.btn.label{border-color:var(--_border);color:var(--_text)}
.chips .btn{border-radius:999px}
.carousel{display:grid;gap:calc(var(--_space)*.5);max-width:100%}
.track{display:flex;gap:var(--_space);overflow-x:auto;scroll-snap-type:x mandatory;overscroll-behavior-x:contain;padding:2px}
.track>.card{flex:none;scroll-snap-align:start}
.nav{display:flex;gap:var(--_space);justify-content:flex-end}
.navb{min-width:44px;min-height:44px;border:1px solid var(--_border);border-radius:50%;background:var(--_surface);color:inherit;font-size:1.2em}
.navb:disabled{opacity:.4}
.sticker{max-width:8rem;max-height:8rem}
.att{display:flex;align-items:center;gap:var(--_space);max-width:85%;padding:var(--_space);border:1px solid var(--_border);border-radius:var(--_radius);color:inherit;text-decoration:none;background:var(--_surface)}
.att.image{padding:0;overflow:hidden}.att .preview{display:block;max-width:100%;height:auto;max-height:16rem}
.att .name,.chosen .name{font-weight:600;overflow-wrap:anywhere}.size{color:var(--_muted);font-size:.87em}
.freq{display:grid;gap:calc(var(--_space)*.5);width:min(20rem,100%);margin-block-start:calc(var(--_space)*.5);padding:var(--_space);border:1px dashed var(--_border);border-radius:var(--_radius);text-align:start;color:var(--_text);font-size:1rem}
.freq.over{border-color:var(--_accent);background:var(--_bubble)}
.freq.success,.freq.failure,.freq.canceled{border-style:solid}
.freq p{margin:0}.hint{color:var(--_muted);font-size:.87em}
.pick{display:grid;gap:4px}
.freq progress{width:100%;accent-color:var(--_accent)}
.fstatus:empty{display:none}.fstatus.bad{color:var(--_danger)}
.freq .actions{display:flex;flex-wrap:wrap;gap:var(--_space)}
.freq button{min-height:44px;padding:0 calc(var(--_space)*1.5);border:1px solid var(--_border);border-radius:calc(var(--_radius)/2);background:transparent;color:inherit}
.freq .primary{background:var(--_accent);border-color:var(--_accent);color:var(--_on-accent)}
`;
