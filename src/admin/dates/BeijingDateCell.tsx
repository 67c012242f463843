'use client'
import type { DefaultCellComponentProps } from 'payload'
import React from 'react'
import { appearanceOf, formatFieldDate } from './format'

/**
 * List cell of every date column (timestamps included): Beijing time in the admin's one format,
 * whatever the time zone of the PC. Payload's own cell follows the browser's zone.
 */
export const BeijingDateCell: React.FC<DefaultCellComponentProps> = ({ cellData, field }) => (
  <span className="beijing-date">{formatFieldDate(cellData, appearanceOf(field))}</span>
)
