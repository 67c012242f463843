'use client'
import React from 'react'

/** 「打印」: the browser's print dialog (the report's print CSS lays it out on one A4 page). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="analytics-print btn btn--style-primary btn--size-small" onClick={() => window.print()} style={{ margin: 0 }}>
      {label}
    </button>
  )
}
